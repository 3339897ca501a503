import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { acceptInvoiceBatch } from "../src/features/invoices/invoiceAcceptor";
import { newShop, openTill, pushOk, shopWithTill, type Till, tillAuth } from "./support/company";
import { faultyDatabase, pgError } from "./support/faultyDatabase";
import { expectApiError, type Json } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const nextElectronic = async (companyId: string, numberingId: string) =>
  Number(
    (
      await server.db.query<{ n: string }>(
        "SELECT next_number AS n FROM numberings WHERE company_id = $1 AND id = $2",
        [companyId, numberingId],
      )
    )[0]?.n,
  );

/** The server's database, refusing (as PostgreSQL would, SQLSTATE 22021) any write of invoices that carries `marker`. */
const refusing = (marker: string) =>
  faultyDatabase(server.db, (sql, params) => {
    if (!/INSERT INTO invoices/.test(sql)) return undefined;
    // The documents travel as one binary parameter (invoiceBatchWriter's DocumentBytes): read as text.
    const text = params.map((p) => (Buffer.isBuffer(p) ? p.toString("utf8") : JSON.stringify(p))).join();
    return text.includes(marker) ? pgError("invalid byte sequence", "22021") : undefined;
  });

describe("review fixes: electronic numbers", () => {
  it("an invoice the database refuses beside an electronic one: that one alone is rejected, the numbering goes on", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { terminal: "caja3" });
    const electronic = till.invoice();
    const poisoned = till.invoice({ notes: "poison-marker" });
    const before = await nextElectronic(shop.demo.companyId, till.numberingId);
    const results = await acceptInvoiceBatch(
      refusing("poison-marker"),
      tillAuth(shop, till),
      secretBoxOf(randomBytes(32)),
      [electronic, poisoned],
    );
    expect(results[0]).toMatchObject({ outcome: "accepted", invoice: { number: before } });
    expect(results[1]).toMatchObject({ outcome: "rejected", errors: [{ code: "INVOICE_INVALID" }] });
    expect(electronic.number).toBeNull(); // the sent document is never changed
    expect(await nextElectronic(shop.demo.companyId, till.numberingId)).toBe(before + 1);
    // The next electronic invoices keep being numbered (they were answered "retry" for ever before).
    const later = await pushOk(till, [till.invoice(), till.invoice()]);
    expect(later.map((r: Json) => [r.outcome, r.invoice?.number])).toEqual([
      ["accepted", before + 1],
      ["accepted", before + 2],
    ]);
  });

  it("the same electronic invoice pushed concurrently leaves no gap in the numbering", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { terminal: "caja3" });
    const invoice = till.invoice();
    const before = await nextElectronic(shop.demo.companyId, till.numberingId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const answers = await Promise.all(Array.from({ length: 6 }, () => till.push([invoice])));
      for (const a of answers) expect(a.status).toBe(200);
      if (answers.every((a) => a.body.results[0].outcome === "accepted")) break;
    }
    const [r] = await pushOk(till, [invoice]);
    expect(r).toMatchObject({ outcome: "accepted", invoice: { number: before } });
    expect(await nextElectronic(shop.demo.companyId, till.numberingId)).toBe(before + 1);
  });
});

describe("review fixes: copies inside one batch", () => {
  it("copies of a stale revision beside a newer one are answered, never a 5xx", async () => {
    const { till } = await shopWithTill(server);
    const rev1 = till.invoice();
    const rev2 = { ...rev1, revision: 2, notes: "segunda" };
    const results = await pushOk(till, [rev1, rev1, rev2]);
    expect(results.map((r: Json) => [r.outcome, r.errors?.[0]?.code])).toEqual([
      ["rejected", "REVISION_CONFLICT"],
      ["rejected", "REVISION_CONFLICT"],
      ["accepted", undefined],
    ]);
  });

  it("two copies of an id and revision with different content: the second is a REVISION_CONFLICT", async () => {
    const { till } = await shopWithTill(server);
    const invoice = till.invoice();
    const results = await pushOk(till, [invoice, { ...invoice, notes: "otra" }, invoice]);
    expect(results.map((r: Json) => r.outcome)).toEqual(["accepted", "rejected", "accepted"]);
    expect(results[1].errors[0].code).toBe("REVISION_CONFLICT");
  });

  it("the same id and revision sent again with another number is not a duplicate", async () => {
    const { till } = await shopWithTill(server);
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const [r] = await pushOk(till, [{ ...invoice, number: (invoice.number as number) + 1 }]);
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "REVISION_CONFLICT" }] });
  });
});

describe("review fixes: what a till's token reaches", () => {
  it("a till registered by an admin reads and voids only its own invoices", async () => {
    const shop = await newShop(server);
    const cashierTill = await openTill(shop);
    const adminTill: Till = await openTill(shop, { as: "admin", terminal: "caja2" });
    const theirs = cashierTill.invoice();
    await pushOk(cashierTill, [theirs]);
    const asTill = { token: adminTill.token };
    expectApiError(await shop.http.get(`/api/invoices/${theirs.id}`, asTill), 404, "NOT_FOUND");
    expectApiError(await shop.http.post(`/api/invoices/${theirs.id}/void`, { reason: "x" }, asTill), 404, "NOT_FOUND");
    const mine = adminTill.invoice();
    await pushOk(adminTill, [mine]);
    expect((await shop.http.get(`/api/invoices/${mine.id}`, asTill)).status).toBe(200);
    // The admin, signed in, still reaches every invoice.
    expect((await shop.http.get(`/api/invoices/${theirs.id}`, { token: shop.admin })).status).toBe(200);
  });

  it("deactivating the user who registered a till does not cut the till off: it keeps uploading", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const sold = till.invoice();
    await shop.http.patch(`/api/users/${shop.demo.cashierId}`, { active: false }, { token: shop.admin });
    const [r] = await pushOk(till, [sold]);
    // What the deactivated cashier sold is judged invoice by invoice (and shows in Error with its reason).
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "CASHIER_NOT_ALLOWED" }] });
    expect((await till.pull("cursor=0&limit=10")).status).toBe(200);
    // Their own sign-in is over.
    expectApiError(await shop.http.get("/api/terminals", { token: shop.cashier }), 401);
  });
});
