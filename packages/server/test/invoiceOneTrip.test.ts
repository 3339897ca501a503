import { randomUUID } from "node:crypto";
import {
  computeInvoiceTotals,
  type InvoiceDocument,
  type InvoiceRejection,
  invoiceDocumentSchema,
  invoiceRejection,
} from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import type { Queryable } from "../src/db/database";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import type { UploadDecisions } from "../src/features/invoices/invoiceBatchWriter";
import { ONE_TRIP_MAX_INVOICES, writeUploadsInTransaction } from "../src/features/invoices/invoiceOneTripWriter";
import type { TestServer } from "../src/testing/testServer";
import { newShop, openTill, pushOk, type Shop, type Till, tillAuth } from "./support/company";
import { openContingencyTill } from "./support/dian";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();
const secrets = secretBoxOf(new Uint8Array(32));

/** Each transaction of the server's database while `call` runs: its statements, and its error's code and message. */
async function transactionsOf<T>(s: TestServer, call: () => Promise<T>) {
  const log: { statements: string[]; error?: string }[] = [];
  const db = s.db;
  const original = db.transaction;
  db.transaction = (async (fn: (tx: Queryable) => Promise<unknown>) => {
    const entry: (typeof log)[number] = { statements: [] };
    log.push(entry);
    try {
      return await original.call(db, (tx) =>
        fn({
          ...tx,
          query: (sql, params) => {
            entry.statements.push(sql);
            return tx.query(sql, params);
          },
        }),
      );
    } catch (err) {
      const e = err as { code?: string; message?: string };
      entry.error = `${e.code ?? ""} ${e.message ?? String(err)}`;
      throw err;
    }
  }) as typeof db.transaction;
  try {
    return { result: await call(), log };
  } finally {
    db.transaction = original;
  }
}

const isOneTrip = (t: { statements: string[] }) =>
  t.statements.length === 1 && (t.statements[0] as string).includes("invoice_write_declined");

/** The shop's sales summaries and stock, with names for ids, in a stable order: what its reports read. */
async function shopTotals(s: TestServer, shop: Shop) {
  const company = shop.demo.companyId;
  const names = new Map<string, string>();
  for (const table of ["terminals", "users", "products", "payment_methods"]) {
    const rows = await s.db.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE company_id = $1`, [
      company,
    ]);
    for (const r of rows) names.set(String(r.id), `${table}:${r.name}`);
  }
  const named = (row: Record<string, unknown>) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(row)
          .filter(([k]) => !["company_id", "updated_at", "version", "warehouse_id"].includes(k))
          .map(([k, v]) => [k, names.get(String(v)) ?? String(v)]),
      ),
    );
  const totals: Record<string, string[]> = {};
  for (const table of [
    "sales_summary",
    "sales_payment_summary",
    "sales_product_summary",
    "sales_tax_summary",
    "stock_balances",
  ])
    totals[table] = (await s.db.query(`SELECT * FROM ${table} WHERE company_id = $1`, [company])).map(named).sort();
  return totals;
}

/** Writes one invoice decided with `errors` (none: accepted) as the till's push, straight through the writer. */
function writeDecided(shop: Shop, till: Till, doc: InvoiceDocument, errors: InvoiceRejection[]) {
  const upload: UploadDecisions = {
    auth: tillAuth(shop, till),
    decisions: [{ doc, verdict: { errors, notices: [], totals: computeInvoiceTotals(doc.lines), storable: true } }],
    voided: [],
    activity: {},
  };
  return writeUploadsInTransaction(server.db, shop.demo.companyId, secrets, [upload], "America/Bogota");
}

/** The same sales on two tills of two shops: one invoice each, two tracked lines, one issue time. */
function sameSales(till: Till, count: number, issuedAt: string) {
  return Array.from({ length: count }, () => till.invoice({ issuedAt }));
}

describe("invoiceOneTripWriter: a few invoices written by one statement sent with COMMIT", () => {
  it("writes an online till's pushes in one statement each, the summaries and stock as the two-trip write makes them", async () => {
    const [shopA, shopB] = await Promise.all([newShop(server), newShop(server)]);
    const [tillA, tillB] = await Promise.all([openTill(shopA, { lease: 60 }), openTill(shopB, { lease: 60 })]);
    const issuedAt = new Date(Date.now() - 90 * 60_000).toISOString();
    const count = ONE_TRIP_MAX_INVOICES + 1;
    const salesA = sameSales(tillA, count, issuedAt);
    const salesB = sameSales(tillB, count, issuedAt);

    // A: pushes of a few invoices (one trip each); B: one push of more than fit in one trip (two trips).
    const a = await transactionsOf(server, async () => {
      for (const part of [salesA.slice(0, 1), salesA.slice(1, 4), salesA.slice(4)])
        expect((await pushOk(tillA, part)).map((r) => r.outcome)).toEqual(part.map(() => "accepted"));
    });
    const b = await transactionsOf(server, () => pushOk(tillB, salesB));
    expect(b.result.map((r) => r.outcome)).toEqual(salesB.map(() => "accepted"));

    const writesA = a.log.filter((t) => t.statements.some((s) => s.includes("INSERT INTO invoices")));
    expect(writesA).toHaveLength(3);
    expect(writesA.every(isOneTrip), JSON.stringify(writesA)).toBe(true);
    expect(writesA.every((t) => t.error === undefined)).toBe(true);
    const writesB = b.log.filter((t) => t.statements.some((s) => s.includes("INSERT INTO invoices")));
    expect(writesB).toHaveLength(1);
    expect(writesB.some(isOneTrip)).toBe(false);

    const totalsA = await shopTotals(server, shopA);
    expect(totalsA.sales_summary).toHaveLength(1);
    expect(totalsA.stock_balances?.length).toBeGreaterThan(0);
    expect(totalsA).toEqual(await shopTotals(server, shopB));
  });

  it("declines an invoice stored by another request meanwhile, then writes the two-trip way: counted once", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const doc = invoiceDocumentSchema.parse(till.invoice()) as InvoiceDocument;
    const write = () => writeDecided(shop, till, doc, []);

    const first = await transactionsOf(server, write);
    expect([...first.result.keys()]).toEqual([doc.id]);
    expect(first.log.map(isOneTrip)).toEqual([true]);
    const once = await shopTotals(server, shop);

    // The same decision again, as a request that decided before the first one committed would make it.
    const again = await transactionsOf(server, write);
    expect(again.result.size).toBe(0);
    expect(again.log).toHaveLength(2);
    expect(again.log[0]?.error).toMatch(/^MS001 .*an invoice was not written as decided/);
    expect(isOneTrip(again.log[1] as { statements: string[] })).toBe(false);
    expect(again.log[1]?.error).toBeUndefined();
    expect(await shopTotals(server, shop)).toEqual(once);
  });

  it("declines when a device taking versions is gone; the two-trip write stores nothing of it", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const doc = invoiceDocumentSchema.parse(till.invoice({ deviceId: randomUUID() })) as InvoiceDocument;
    // Decided as rejected (so no accepted invoice is missing): only the device count can decline it.
    const { result, log } = await transactionsOf(server, () =>
      writeDecided(shop, till, doc, [invoiceRejection("DEVICE_MISMATCH")]),
    );
    expect(result.size).toBe(0);
    expect(log[0]?.error).toMatch(/^MS001 .*a device vanished/);
    expect(log[1]?.error).toBeUndefined();
    const stored = await server.db.query("SELECT 1 FROM invoices WHERE company_id = $1 AND id = $2", [
      shop.demo.companyId,
      doc.id,
    ]);
    expect(stored).toHaveLength(0);
  });

  it("leaves a contingency ticket to the two-trip write, which records its electronic document", async () => {
    const shop = await newShop(server);
    const till = await openContingencyTill(shop);
    const { result, log } = await transactionsOf(server, () => till.push([till.ticket()]));
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.results[0].outcome).toBe("accepted");
    expect(result.body.results[0].invoice.electronicDocument?.state).toBe("generated");
    const writes = log.filter((t) => t.statements.some((s) => s.includes("INSERT INTO invoices")));
    expect(writes).toHaveLength(2);
    expect(writes[0]?.error).toMatch(/^MS001 .*an electronic numbering/);
    expect(writes[1]?.error).toBeUndefined();
    expect(writes[1]?.statements.some((s) => s.includes("electronic_documents"))).toBe(true);
  });
});
