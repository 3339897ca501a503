import { randomUUID } from "node:crypto";
import {
  addDays,
  computeInvoiceTotals,
  type InvoiceDocument,
  type InvoiceLine,
  type InvoicePayment,
  localDate,
  uuidv7,
} from "@mostrador/domain";
import { allocateVersions } from "../db/changeVersions";
import type { Database, Queryable } from "../db/database";
import { SalesSummaryDelta } from "../features/reports/salesSummaryDelta";
import { companyTimeZone, writeSummaryDelta } from "../features/reports/salesSummaryWriter";
import { demoProducts } from "./demoCatalog";
import type { DemoCompany } from "./demoCompanySeeder";

/** A small deterministic generator (mulberry32): the same seed makes the same sales. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SalesGeneratorOptions {
  invoices: number;
  /** Spread over this many days up to today (in the company's zone). */
  days?: number;
  batch?: number;
  seed?: number;
  onBatch?: (written: number) => void;
}

const TAX: Record<string, { kind: InvoiceLine["taxKind"]; rateBp: number; name: string }> = {
  IVA19: { kind: "IVA", rateBp: 1900, name: "IVA 19%" },
  IVA5: { kind: "IVA", rateBp: 500, name: "IVA 5%" },
  EXENTO: { kind: "EXENTO", rateBp: 0, name: "Exento" },
  INC8: { kind: "INC", rateBp: 800, name: "INC 8%" },
};

const INVOICE_COLUMNS = `id uuid, revision int, status text, numbering_id uuid, prefix text, number bigint,
  terminal_id uuid, device_id uuid, cashier_id uuid, client_id uuid, issued_at timestamptz, subtotal bigint,
  discount bigint, tax bigint, total bigint, paid bigint, change bigint, version bigint`;
const INVOICE_NAMES = INVOICE_COLUMNS.split(",").map((c) => c.trim().split(" ")[0]);

/** A numbering and one device per POS terminal for the generated sales. */
async function prepare(tx: Queryable, demo: DemoCompany, count: number) {
  const numberingId = randomUUID();
  const version = await allocateVersions(tx, demo.companyId, 1);
  await tx.query(
    `INSERT INTO numberings (company_id, id, name, prefix, range_from, range_to, next_number, valid_from, valid_until,
                             version, resolution)
     VALUES ($1, $2, 'Ventas generadas', 'GEN', 1, $3, $4, '2020-01-01', '2099-12-31', $5, 'Datos de prueba')`,
    [demo.companyId, numberingId, Math.max(count, 1), count + 1, version],
  );
  const devices = [demo.terminals.caja1, demo.terminals.caja2].map((terminalId) => ({ id: randomUUID(), terminalId }));
  for (const d of devices)
    await tx.query(
      "INSERT INTO devices (company_id, id, terminal_id, user_id, name, active) VALUES ($1, $2, $3, $4, 'Generador', false)",
      [demo.companyId, d.id, d.terminalId, demo.cashierId],
    );
  return { numberingId, devices };
}

/**
 * addGeneratedSales: `invoices` accepted invoices over the last `days` days on Caja 1 and Caja 2
 * (1–3 demo products each, cash or card), written set-based in batches — invoices, their
 * documents, and the sales summaries through the same delta code as ingest, in the same
 * transaction. For the reports' benchmark (`npm run seed -- --invoices 1000000`).
 */
export async function addGeneratedSales(db: Database, demo: DemoCompany, options: SalesGeneratorOptions) {
  const { invoices, days = 365, batch = 5000, seed = 15 } = options;
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const timeZone = await companyTimeZone(db, demo.companyId);
  const today = localDate(new Date().toISOString(), timeZone);
  const { numberingId, devices } = await db.transaction((tx) => prepare(tx, demo, invoices));
  const cashiers = [demo.cashierId, demo.adminId];
  const versions = new Map(devices.map((d) => [d.id, 0]));
  let number = 1;
  for (let start = 0; start < invoices; start += batch) {
    const n = Math.min(batch, invoices - start);
    const records: Record<string, unknown>[] = [];
    const revisions: { id: string; document: InvoiceDocument }[] = [];
    const delta = new SalesSummaryDelta(timeZone);
    for (let k = 0; k < n; k++) {
      const device = pick(devices);
      const day = addDays(today, -Math.floor(rand() * days));
      const hh = String(8 + Math.floor(rand() * 13)).padStart(2, "0");
      const mm = String(Math.floor(rand() * 60)).padStart(2, "0");
      // The demo company is in Bogotá (UTC−5 all year).
      const issuedAt = new Date(`${day}T${hh}:${mm}:00-05:00`).toISOString();
      const lines: InvoiceLine[] = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const index = Math.floor(rand() * demoProducts.length);
        const product = demoProducts[index] as (typeof demoProducts)[number];
        const tax = TAX[product.tax] as (typeof TAX)[string];
        return {
          productId: demo.productIds[index] as string,
          description: product.name,
          quantity: 1 + Math.floor(rand() * 3),
          unitPrice: product.price * 100,
          priceIncludesTax: true,
          discountPercent: rand() < 0.1 ? 10 : 0,
          taxId: demo.taxes[product.tax],
          taxName: tax.name,
          taxKind: tax.kind,
          taxRateBp: tax.rateBp,
        };
      });
      const totals = computeInvoiceTotals(lines);
      const cash = rand() < 0.7;
      const payment: InvoicePayment = cash
        ? { paymentMethodId: demo.paymentMethods.cash, kind: "cash", amount: totals.total }
        : { paymentMethodId: demo.paymentMethods.debit, kind: "debit_card", amount: totals.total };
      const version = (versions.get(device.id) ?? 0) + 1;
      versions.set(device.id, version);
      const doc: InvoiceDocument = {
        id: uuidv7(),
        revision: 1,
        terminalId: device.terminalId,
        deviceId: device.id,
        cashierId: pick(cashiers),
        numberingId,
        prefix: "GEN",
        number: number++,
        issuedAt,
        clientId: demo.clients.walkIn,
        lines,
        payments: [payment],
        notes: "",
        totals: {
          subtotal: totals.subtotal,
          discount: totals.discount,
          tax: totals.tax,
          total: totals.total,
          paid: totals.total,
          change: 0,
          taxes: totals.taxes,
        },
      };
      records.push({
        id: doc.id,
        revision: 1,
        status: "accepted",
        numbering_id: numberingId,
        prefix: "GEN",
        number: doc.number,
        terminal_id: doc.terminalId,
        device_id: doc.deviceId,
        cashier_id: doc.cashierId,
        client_id: doc.clientId,
        issued_at: issuedAt,
        subtotal: totals.subtotal,
        discount: totals.discount,
        tax: totals.tax,
        total: totals.total,
        paid: totals.total,
        change: 0,
        version,
      });
      revisions.push({ id: doc.id, document: doc });
      delta.addInvoice(doc, totals, "sale");
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `WITH inv AS (
           INSERT INTO invoices (company_id, ${INVOICE_NAMES.join(", ")})
           SELECT $1, ${INVOICE_NAMES.join(", ")} FROM jsonb_to_recordset($2::jsonb) AS x(${INVOICE_COLUMNS})
         )
         INSERT INTO invoice_revisions (company_id, invoice_id, revision, document, user_id, device_id)
         SELECT $1, x.id, 1, x.document, $4, (x.document ->> 'deviceId')::uuid
           FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, document jsonb)`,
        [demo.companyId, JSON.stringify(records), JSON.stringify(revisions), demo.cashierId],
      );
      await writeSummaryDelta(tx, demo.companyId, delta);
    });
    options.onBatch?.(start + n);
  }
  for (const [id, version] of versions)
    await db.query("UPDATE devices SET invoice_version = $3 WHERE company_id = $1 AND id = $2", [
      demo.companyId,
      id,
      version,
    ]);
}
