import type {
  Category,
  Client,
  Company,
  Numbering,
  PaymentMethod,
  Product,
  PullChange,
  PullResponse,
  SyncedEntity,
  Tax,
  Terminal,
} from "@mostrador/domain";
import type { DeviceIdentity, NumberBlockRecord, SessionUser } from "../storage/localRecords";

/** A small copy of the demo company, for tests only. */
export function fixtureId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

export const company: Company = {
  id: fixtureId(1),
  name: "Empresa Ejemplar S.A.S.",
  nit: "900123456-8",
  timeZone: "America/Bogota",
  currency: "COP",
  maxOfflineAgeDays: 7,
  identifiedClientThreshold: null,
  address: "Calle 10 # 5-20, Bogotá",
  phone: "601 555 1234",
  taxRegime: "responsable_iva",
  receiptHeader: "",
  receiptFooter: "",
  deviceSilentMinutes: 30,
  blockSaleAtZeroStock: false,
};

export const taxes: Tax[] = [
  { id: fixtureId(11), version: 1, name: "IVA 19%", kind: "IVA", rateBp: 1900, active: true },
  { id: fixtureId(12), version: 1, name: "IVA 5%", kind: "IVA", rateBp: 500, active: true },
  { id: fixtureId(13), version: 1, name: "Exento", kind: "EXENTO", rateBp: 0, active: true },
  { id: fixtureId(14), version: 1, name: "INC 8%", kind: "INC", rateBp: 800, active: true },
];
export const [iva19, iva5, exento, inc8] = taxes as [Tax, Tax, Tax, Tax];

export const categories: Category[] = [
  { id: fixtureId(21), version: 1, name: "Bebidas", active: true },
  { id: fixtureId(22), version: 1, name: "Despensa", active: true },
];

function product(n: number, name: string, price: number, tax: Tax, barcode: string, categoryId: string): Product {
  return {
    id: fixtureId(100 + n),
    version: 1,
    name,
    reference: `REF-${n}`,
    barcode,
    categoryId,
    price,
    priceIncludesTax: true,
    taxId: tax.id,
    active: true,
    trackStock: false,
    tileColor: null,
    stock: {},
  };
}

export const products: Product[] = [
  product(1, "Café molido 500 g", 1_250_000, iva5, "7701234000011", fixtureId(22)),
  product(2, "Gaseosa cola 1,5 L", 450_000, iva19, "7701234000028", fixtureId(21)),
  product(3, "Arroz 1 kg", 380_000, exento, "7701234000035", fixtureId(22)),
  product(4, "Almuerzo ejecutivo", 1_800_000, inc8, "7701234000042", fixtureId(22)),
];

export const paymentMethods: PaymentMethod[] = [
  { id: fixtureId(31), version: 1, name: "Efectivo", kind: "cash", active: true },
  { id: fixtureId(32), version: 1, name: "Tarjeta débito", kind: "debit_card", active: true },
  { id: fixtureId(33), version: 1, name: "Tarjeta crédito", kind: "credit_card", active: true },
  { id: fixtureId(34), version: 1, name: "Transferencia", kind: "transfer", active: true },
];
export const [cash, debitCard] = paymentMethods as [PaymentMethod, PaymentMethod];

export const walkInClient: Client = {
  id: fixtureId(41),
  version: 1,
  name: "Consumidor final",
  idType: "CC",
  idNumber: "222222222222",
  email: null,
  phone: null,
  address: null,
  active: true,
};
export const pedro: Client = { ...walkInClient, id: fixtureId(42), name: "Pedro Osorio", idNumber: "1020304050" };

export const posNumbering: Numbering = {
  id: fixtureId(51),
  version: 1,
  name: "POS",
  prefix: "POS",
  rangeFrom: 1,
  rangeTo: 100_000,
  nextNumber: 1,
  validFrom: "2025-01-01",
  validUntil: "2027-12-31",
  electronic: false,
  resolution: "Resolución DIAN 18760000001 de 2025-01-01, POS 1 a 100000",
  blockSize: null,
  maxUnusedPerDevice: null,
  active: true,
  kind: "invoice",
  dianAuthorization: null,
  contingencyNumberingId: null,
};
export const feNumbering: Numbering = {
  ...posNumbering,
  id: fixtureId(52),
  name: "Factura electrónica",
  prefix: "FE",
  rangeTo: 5000,
  electronic: true,
};

/** The credit-note ("NC") numbering: leased in blocks like invoice numbers (issue 13). */
export const ncNumbering: Numbering = {
  ...posNumbering,
  id: fixtureId(53),
  name: "Notas crédito",
  prefix: "NC",
  resolution: "",
  kind: "credit_note",
};

export const caja1: Terminal = {
  id: fixtureId(61),
  version: 1,
  name: "Caja 1",
  numberingId: posNumbering.id,
  warehouseId: fixtureId(71),
  blockOfflineElectronic: false,
  paymentMethodIds: paymentMethods.map((m) => m.id),
  priceListId: null,
  active: true,
  requiresShift: true,
  creditNoteNumberingId: null,
};
export const caja3: Terminal = {
  ...caja1,
  id: fixtureId(63),
  name: "Caja 3",
  numberingId: feNumbering.id,
  requiresShift: false,
};

export const cashier: SessionUser = {
  id: fixtureId(81),
  name: "Cajero Ejemplar",
  email: "caja@ejemplar.co",
  role: "cashier",
  terminalIds: [],
};

export const device: DeviceIdentity = {
  deviceId: fixtureId(91),
  deviceToken: "device-token",
  terminalId: caja1.id,
  userId: cashier.id,
  registeredAt: "2026-01-01T00:00:00.000Z",
};

export function numberBlock(n: number, rangeFrom: number, rangeTo: number): NumberBlockRecord {
  return { id: fixtureId(200 + n), numberingId: posNumbering.id, rangeFrom, rangeTo };
}

export function ncBlock(n: number, rangeFrom: number, rangeTo: number): NumberBlockRecord {
  return { id: fixtureId(250 + n), numberingId: ncNumbering.id, rangeFrom, rangeTo };
}

/** The demo catalog with Caja 1 making returns: its NC numbering and an NC block. */
export function returnsCatalogPage(blocks: NumberBlockRecord[] = [numberBlock(1, 1, 50), ncBlock(1, 1, 10)]) {
  const page = fullCatalogPage(blocks);
  return pullPage([
    ...page.changes,
    change("numberings", ncNumbering),
    change("terminals", { ...caja1, creditNoteNumberingId: ncNumbering.id }),
  ]);
}

let version = 1;
export function change<T extends { id: string }>(entity: SyncedEntity, row: T): PullChange {
  version += 1;
  return { entity, id: row.id, version, data: { ...row } as Record<string, unknown> };
}

export function pullPage(changes: PullChange[], options: Partial<PullResponse> = {}): PullResponse {
  const cursor = changes.reduce((max, c) => Math.max(max, c.version), 0);
  return {
    cursor,
    invoiceCursor: 0,
    hasMore: false,
    reset: false,
    changes,
    serverTime: new Date().toISOString(),
    ...options,
  };
}

/** The whole demo catalog as one pull page, with the given number blocks. */
export function fullCatalogPage(blocks: NumberBlockRecord[] = [numberBlock(1, 1, 50)]): PullResponse {
  return pullPage([
    change("company", company),
    ...taxes.map((t) => change("taxes", t)),
    ...categories.map((c) => change("categories", c)),
    ...products.map((p) => change("products", p)),
    ...paymentMethods.map((m) => change("paymentMethods", m)),
    change("clients", walkInClient),
    change("clients", pedro),
    change("numberings", posNumbering),
    change("numberings", feNumbering),
    change("terminals", caja1),
    change("terminals", caja3),
    ...blocks.map((b) => change("numberBlocks", b)),
  ]);
}
