import { randomUUID } from "node:crypto";
import { WALK_IN_CLIENT_ID_NUMBER } from "@mostrador/domain";
import { hashPassword } from "../auth/passwordHasher";
import { allocateVersions } from "../db/changeVersions";
import type { Database, Queryable } from "../db/database";
import { createCompany } from "../features/companies/companyCreator";
import { writeStockMovements } from "../features/inventory/stockLedger";
import { type DemoTax, demoCategories, demoProducts, ean13 } from "./demoCatalog";

export interface DemoSeedOptions {
  name?: string;
  nit?: string;
  /** "ejemplar.co" → admin@ejemplar.co, caja@ejemplar.co. */
  emailDomain?: string;
  password?: string;
  /** Numbering validity end (YYYY-MM-DD). */
  validUntil?: string;
}

export interface DemoCompany {
  companyId: string;
  adminId: string;
  cashierId: string;
  adminEmail: string;
  cashierEmail: string;
  password: string;
  taxes: Record<DemoTax, string>;
  categoryIds: string[];
  warehouseId: string;
  paymentMethods: { cash: string; debit: string; credit: string; transfer: string };
  numberings: { pos: string; electronic: string; creditNote: string };
  terminals: { caja1: string; caja2: string; caja3: string };
  productIds: string[];
  clients: { walkIn: string; pedro: string };
}

async function insertRows(tx: Queryable, companyId: string, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const first = await allocateVersions(tx, companyId, rows.length);
  // Every column any row names: a row without one gets the column's DEFAULT (the first row's columns alone lost
  // the other rows' fields, e.g. a client's email and address).
  const cols = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const params: unknown[] = [];
  const placeholder = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const values = rows.map((row, i) => {
    const ph = [
      placeholder(companyId),
      placeholder(first + i),
      ...cols.map((c) => (c in row ? placeholder(row[c]) : "DEFAULT")),
    ];
    return `(${ph.join(", ")})`;
  });
  await tx.query(`INSERT INTO ${table} (company_id, version, ${cols.join(", ")}) VALUES ${values.join(", ")}`, params);
}

/** The demo shop of the README ("Empresa Ejemplar S.A.S."); tests use it too, one fresh company each. */
export async function seedDemoCompany(db: Database, options: DemoSeedOptions = {}): Promise<DemoCompany> {
  const domain = options.emailDomain ?? "ejemplar.co";
  const password = options.password ?? "ejemplar2026";
  const { companyId, adminId } = await createCompany(db, {
    name: options.name ?? "Empresa Ejemplar S.A.S.",
    nit: options.nit ?? "900123456-8",
    admin: { name: "Administradora Ejemplar", email: `admin@${domain}`, password },
  });
  const cashierId = randomUUID();
  const id = () => randomUUID();
  const taxes: Record<DemoTax, string> = { IVA19: id(), IVA5: id(), EXENTO: id(), INC8: id() };
  const categoryIds = demoCategories.map(() => id());
  const warehouseId = id();
  const pm = { cash: id(), debit: id(), credit: id(), transfer: id() };
  const numberings = { pos: id(), electronic: id(), creditNote: id() };
  const terminals = { caja1: id(), caja2: id(), caja3: id() };
  const clients = { walkIn: id(), pedro: id() };
  const productIds = demoProducts.map(() => id());
  const allMethods = [pm.cash, pm.debit, pm.credit, pm.transfer];
  const validUntil = options.validUntil ?? "2027-12-31";

  await db.transaction(async (tx) => {
    await insertRows(tx, companyId, "taxes", [
      { id: taxes.IVA19, name: "IVA 19%", kind: "IVA", rate_bp: 1900 },
      { id: taxes.IVA5, name: "IVA 5%", kind: "IVA", rate_bp: 500 },
      { id: taxes.EXENTO, name: "Exento", kind: "EXENTO", rate_bp: 0 },
      { id: taxes.INC8, name: "INC 8%", kind: "INC", rate_bp: 800 },
    ]);
    await insertRows(
      tx,
      companyId,
      "categories",
      demoCategories.map((name, i) => ({ id: categoryIds[i], name })),
    );
    await insertRows(tx, companyId, "warehouses", [{ id: warehouseId, name: "Bodega principal" }]);
    await insertRows(tx, companyId, "payment_methods", [
      { id: pm.cash, name: "Efectivo", kind: "cash" },
      { id: pm.debit, name: "Tarjeta débito", kind: "debit_card" },
      { id: pm.credit, name: "Tarjeta crédito", kind: "credit_card" },
      { id: pm.transfer, name: "Transferencia", kind: "transfer" },
    ]);
    await insertRows(tx, companyId, "numberings", [
      {
        id: numberings.pos,
        name: "POS",
        prefix: "POS",
        range_from: 1,
        range_to: 100000,
        next_number: 1,
        valid_from: "2025-01-01",
        valid_until: validUntil,
        electronic: false,
        resolution: "Resolución DIAN 18764000001234 del 01/01/2025",
      },
      {
        id: numberings.electronic,
        name: "Factura electrónica",
        prefix: "FE",
        range_from: 1,
        range_to: 5000,
        next_number: 1,
        valid_from: "2025-01-01",
        valid_until: validUntil,
        electronic: true,
        resolution: "Resolución DIAN 18764000005678 del 01/01/2025",
      },
    ]);
    await insertRows(tx, companyId, "numberings", [
      {
        id: numberings.creditNote,
        name: "Notas crédito",
        prefix: "NC",
        range_from: 1,
        range_to: 100000,
        next_number: 1,
        valid_from: "2025-01-01",
        valid_until: validUntil,
        electronic: false,
        kind: "credit_note",
      },
    ]);
    const terminal = (tid: string, name: string, numberingId: string, requiresShift: boolean) => ({
      id: tid,
      name,
      numbering_id: numberingId,
      warehouse_id: warehouseId,
      payment_method_ids: allMethods,
      requires_shift: requiresShift,
      // Every demo till makes its returns with the "NC" numbering (issue 13).
      credit_note_numbering_id: numberings.creditNote,
    });
    await insertRows(tx, companyId, "terminals", [
      terminal(terminals.caja1, "Caja 1", numberings.pos, true),
      terminal(terminals.caja2, "Caja 2", numberings.pos, true),
      terminal(terminals.caja3, "Caja 3", numberings.electronic, false),
    ]);
    await insertRows(
      tx,
      companyId,
      "products",
      demoProducts.map((p, i) => ({
        id: productIds[i],
        name: p.name,
        reference: `REF-${String(i + 1).padStart(3, "0")}`,
        barcode: ean13(i + 1),
        category_id: categoryIds[demoCategories.indexOf(p.category)],
        price: p.price * 100,
        price_includes_tax: true,
        tax_id: taxes[p.tax],
        track_stock: p.category !== "Comidas preparadas",
        // Inventory (issue 14): a minimum of 10 units and a cost of 60 % of the price on tracked products.
        min_stock: p.category !== "Comidas preparadas" ? 10_000 : null,
        unit_cost: p.category !== "Comidas preparadas" ? p.price * 60 : null,
      })),
    );
    // 100 units of every tracked product in the main warehouse, as initial movements of the kardex.
    await writeStockMovements(
      tx,
      companyId,
      demoProducts.map((_, i) => ({
        productId: productIds[i] as string,
        warehouseId,
        kind: "initial" as const,
        quantity: 100_000,
        documentId: id(),
        lineIndex: 0,
        reason: "Inventario inicial",
        userId: adminId,
      })),
    );
    await insertRows(tx, companyId, "clients", [
      { id: clients.walkIn, name: "Consumidor final", id_type: "CC", id_number: WALK_IN_CLIENT_ID_NUMBER },
      {
        id: clients.pedro,
        name: "Pedro Osorio",
        id_type: "CC",
        id_number: "1020304050",
        email: "pedro.osorio@example.com",
        phone: "300 123 4567",
        address: "Calle 10 # 20-30, Medellín",
      },
      { id: id(), name: "María Fernanda Gómez", id_type: "CC", id_number: "52123456", phone: "310 555 0101" },
      {
        id: id(),
        name: "Tienda La Esquina S.A.S.",
        id_type: "NIT",
        id_number: "901234567-7",
        email: "compras@laesquina.co",
      },
      { id: id(), name: "Juan Camilo Restrepo", id_type: "CC", id_number: "1017223344" },
    ]);
    await tx.query(
      "INSERT INTO users (company_id, id, name, email, password_hash, role) VALUES ($1, $2, $3, $4, $5, 'cashier')",
      [companyId, cashierId, "Cajera Ejemplar", `caja@${domain}`, await hashPassword(password)],
    );
  });

  return {
    companyId,
    adminId,
    cashierId,
    adminEmail: `admin@${domain}`,
    cashierEmail: `caja@${domain}`,
    password,
    taxes,
    categoryIds,
    warehouseId,
    paymentMethods: pm,
    numberings,
    terminals,
    productIds,
    clients,
  };
}

/** Large catalogs for benchmarks: `npm run seed -- --products 20000 --clients 10000`. */
export async function addGeneratedCatalog(
  db: Database,
  companyId: string,
  counts: { products: number; clients: number },
  taxIds: string[],
  categoryIds: string[],
) {
  const chunk = 1000;
  for (let start = 0; start < counts.products; start += chunk) {
    const n = Math.min(chunk, counts.products - start);
    await db.transaction((tx) =>
      insertRows(
        tx,
        companyId,
        "products",
        Array.from({ length: n }, (_, k) => {
          const i = start + k;
          return {
            id: randomUUID(),
            name: `${demoProducts[i % demoProducts.length]?.name} #${i + 1}`,
            reference: `GEN-${i + 1}`,
            barcode: ean13(100_000 + i),
            category_id: categoryIds[i % categoryIds.length],
            price: (1000 + ((i * 37) % 50_000)) * 100,
            price_includes_tax: true,
            tax_id: taxIds[i % taxIds.length],
          };
        }),
      ),
    );
  }
  for (let start = 0; start < counts.clients; start += chunk) {
    const n = Math.min(chunk, counts.clients - start);
    await db.transaction((tx) =>
      insertRows(
        tx,
        companyId,
        "clients",
        Array.from({ length: n }, (_, k) => ({
          id: randomUUID(),
          name: `Cliente ${start + k + 1}`,
          id_type: "CC",
          id_number: String(10_000_000 + start + k),
        })),
      ),
    );
  }
}
