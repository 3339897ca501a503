import type { DeePosDocument } from "./deePosDocument";

/** For tests: a known sale: IVA 19 %, IVA 5 % with a 10 % discount, INC 8 % and an exempt line; cash with change. */
export const knownDocument: DeePosDocument = {
  environment: "2",
  software: { id: "56f2ae4e-9812-4fad-9255-08fcfcd5ccb0", pin: "73915", providerNit: "900123456-8" },
  manufacturer: { name: "Mostrador", companyName: "Mostrador", softwareName: "Mostrador POS" },
  issuer: {
    nit: "900123456-8",
    name: "Empresa Ejemplar S.A.S.",
    address: "Calle 10 # 5-20, Bogotá",
    phone: "601 555 1234",
    taxRegime: "responsable_iva",
  },
  authorization: {
    number: "18760000001",
    validFrom: "2019-01-19",
    validUntil: "2030-01-19",
    prefix: "SETP",
    from: 990_000_000,
    to: 995_000_000,
  },
  number: "SETP990000001",
  saleId: "019ba5f0-0000-7000-8000-000000000001",
  issuedAt: "2024-03-05T19:07:09.000Z",
  timeZone: "America/Bogota",
  currency: "COP",
  buyer: { idType: "CC", idNumber: "222222222222", name: "Consumidor final", email: null },
  lines: [
    line("Gaseosa Cola 400 ml", "GAS-400", 2, 1_000_000, 0, 0, 190_000, "IVA", 1900),
    line("Café molido <250 g> & más", "CAF-250", 1, 200_000, 20_000, 10, 9_000, "IVA", 500),
    line("Torta de chocolate porción", "TOR-1", 1.5, 500_000, 0, 0, 40_000, "INC", 800),
    line("Arroz blanco 1 kg", "ARR-1", 3, 300_000, 0, 0, 0, "EXENTO", 0),
  ],
  taxes: [
    { kind: "EXENTO", rateBp: 0, base: 300_000, amount: 0 },
    { kind: "INC", rateBp: 800, base: 500_000, amount: 40_000 },
    { kind: "IVA", rateBp: 1900, base: 1_000_000, amount: 190_000 },
    { kind: "IVA", rateBp: 500, base: 180_000, amount: 9_000 },
  ],
  totals: { subtotal: 2_000_000, discount: 20_000, tax: 239_000, total: 2_219_000 },
  payments: [{ kind: "cash", amount: 2_219_000 }],
  register: { plate: "Caja 1", location: "Calle 10 # 5-20, Bogotá", cashier: "Carla Cajera", type: "POS" },
  notes: "",
};

function line(
  description: string,
  code: string,
  quantity: number,
  subtotal: number,
  discount: number,
  discountPercent: number,
  tax: number,
  taxKind: "IVA" | "INC" | "EXENTO",
  taxRateBp: number,
) {
  return {
    description,
    code,
    quantity,
    subtotal,
    discount,
    discountPercent,
    taxBase: subtotal - discount,
    tax,
    taxKind,
    taxRateBp,
  };
}
