import { describe, expect, it, vi } from "vitest";
import { readTerminalShift, soldElsewhereDocumentsSql } from "../src/features/shifts/terminalShiftReader";
import { newShop, openTill, type Shop, type Till } from "./support/company";
import type { Json } from "./support/http";
import { cardSale, cashSale, openShift, pushShiftsTo } from "./support/shifts";
import { statementsOf as statementsSent } from "./support/statements";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

// Two tills on one terminal share its open shift: each pull of one carries what the other sold in it
// ("soldElsewhere"). Those sums are remembered under the fingerprint of the other device's sales
// (soldElsewhereMemo): a pull re-reads their documents only when one of them changed.

/** The SQL statements a call sends. */
const statementsOf = <T>(call: () => Promise<T>) => statementsSent(server, call);

const readsDocuments = (statements: string[]) => statements.filter((sql) => sql === soldElsewhereDocumentsSql);

/** A till of the holder's terminal, caught up: the cursors of its next pull with nothing new. */
async function caughtUp(till: Till) {
  let q = "cursor=0&invoiceCursor=0";
  for (let i = 0; i < 20; i++) {
    const res = await till.pull(q);
    expect(res.status).toBe(200);
    q = `cursor=${res.body.cursor}&invoiceCursor=${res.body.invoiceCursor}`;
    if (!res.body.hasMore) return q;
  }
  throw new Error("the pull never ends");
}

async function idlePull(till: Till, q: string) {
  const { result, statements } = await statementsOf(() => till.pull(q));
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body.changes).toEqual([]);
  return { body: result.body as Json, statements };
}

/** What the shift's sales on other devices add up to, read from the documents (no memo). */
async function readFresh(shop: Shop, till: Till) {
  const fresh = await readTerminalShift(server.db, shop.demo.companyId, till.deviceId);
  return JSON.parse(JSON.stringify(fresh?.soldElsewhere));
}

describe("what other devices sold in the terminal's shift, in a pull", () => {
  it("is read from the documents once, then from memory while those sales are unchanged", async () => {
    const shop = await newShop(server);
    const holder = await openTill(shop);
    const shift = openShift(shop, holder);
    await pushShiftsTo(server, holder, [shift], [cashSale(shop, holder, shift.id), cardSale(shop, holder, shift.id)]);
    const till = await openTill(shop); // the same terminal (Caja 1), another device
    const q = await caughtUp(till);

    const first = await idlePull(till, q);
    expect(first.body.terminalShift.soldElsewhere.salesCount).toBe(2);
    const again = await idlePull(till, q);
    expect(again.statements).toHaveLength(1); // the probe alone: no documents read
    expect(again.body.terminalShift).toEqual(first.body.terminalShift);
    expect(again.body.terminalShift.soldElsewhere).toEqual(await readFresh(shop, till));
  });

  it("changes as soon as another sale, a void or an accepted correction changes those sales", async () => {
    const shop = await newShop(server);
    const holder = await openTill(shop);
    const shift = openShift(shop, holder);
    const sale = cashSale(shop, holder, shift.id);
    await pushShiftsTo(server, holder, [shift], [sale]);
    const till = await openTill(shop);
    const q = await caughtUp(till);
    const before = (await idlePull(till, q)).body.terminalShift.soldElsewhere;
    expect(before.salesCount).toBe(1);

    // A new sale on the holder's till.
    await pushShiftsTo(server, holder, [], [cardSale(shop, holder, shift.id)]);
    const sold = await idlePull(till, q);
    expect(readsDocuments(sold.statements)).toHaveLength(1);
    expect(sold.body.terminalShift.soldElsewhere.salesCount).toBe(2);
    expect(sold.body.terminalShift.soldElsewhere).toEqual(await readFresh(shop, till));

    // The back office voids the first sale: same number of invoices, one of them changed.
    const voided = await shop.http.post(`/api/invoices/${sale.id}/void`, { reason: "Error" }, { token: shop.admin });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    const afterVoid = (await idlePull(till, q)).body.terminalShift.soldElsewhere;
    expect(afterVoid.voidedCount).toBe(1);
    expect(afterVoid).toEqual(await readFresh(shop, till));
    expect(afterVoid).not.toEqual(sold.body.terminalShift.soldElsewhere);

    // An invoice refused by the server is not a sale; once corrected and accepted, it is.
    const refused = { ...cashSale(shop, holder, shift.id), number: sale.number }; // a number already used
    const answer = await pushShiftsTo(server, holder, [], [refused]);
    expect(answer.results[0]?.outcome).toBe("rejected");
    expect((await idlePull(till, q)).body.terminalShift.soldElsewhere).toEqual(afterVoid);
    const corrected = { ...refused, revision: refused.revision + 1, number: holder.invoice().number };
    const fixed = await pushShiftsTo(server, holder, [], [corrected]);
    expect(fixed.results[0]?.outcome).toBe("accepted");
    const afterFix = (await idlePull(till, q)).body.terminalShift.soldElsewhere;
    expect(afterFix.salesCount).toBe(afterVoid.salesCount + 1);
    expect(afterFix).toEqual(await readFresh(shop, till));
  });

  it("is none when only the asking till sold in the shift, without reading any document", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const shift = openShift(shop, till);
    await pushShiftsTo(server, till, [shift], [cashSale(shop, till, shift.id)]);
    const q = await caughtUp(till);
    const { body, statements } = await idlePull(till, q);
    expect(statements).toHaveLength(1);
    expect(body.terminalShift.soldElsewhere.salesCount).toBe(0);
    expect(body.terminalShift.soldElsewhere).toEqual(await readFresh(shop, till));
  });

  // Found by a review (session 28): a database brought back to an earlier point while the server runs (a
  // restore, a failover to a standby that missed the last commits) sets a device's counter back, and its next
  // sale takes a lost sale's version: with count and versions alone the fingerprint was the lost set's again.
  it("changes when the database went back in time and another sale took a lost sale's version", async () => {
    const shop = await newShop(server);
    const holder = await openTill(shop);
    const shift = openShift(shop, holder);
    const lost = cashSale(shop, holder, shift.id);
    await pushShiftsTo(server, holder, [shift], [cashSale(shop, holder, shift.id)]);
    await pushShiftsTo(server, holder, [], [lost]);
    const till = await openTill(shop);
    const q = await caughtUp(till);
    const before = (await idlePull(till, q)).body.terminalShift.soldElsewhere;
    expect(before.salesCount).toBe(2);

    // The database as before `lost` was committed: its rows gone, the holder's counter back.
    const c = shop.demo.companyId;
    const [row] = await server.db.query<{ version: number }>(
      "SELECT version FROM invoices WHERE company_id = $1 AND id = $2",
      [c, lost.id],
    );
    for (const [table, key] of [
      ["stock_movements", "document_id"],
      ["invoice_attempts", "invoice_id"],
      ["invoice_revisions", "invoice_id"],
      ["invoices", "id"],
    ])
      await server.db.query(`DELETE FROM ${table} WHERE company_id = $1 AND ${key} = $2`, [c, lost.id]);
    await server.db.query("UPDATE devices SET invoice_version = $3 WHERE company_id = $1 AND id = $2", [
      c,
      holder.deviceId,
      Number(row?.version) - 1,
    ]);
    // Another sale (overpaid in cash: change given) takes the lost one's version.
    await pushShiftsTo(server, holder, [], [cashSale(shop, holder, shift.id, 5_000_00)]);

    const served = (await till.pull(q)).body.terminalShift.soldElsewhere;
    const fresh = await readFresh(shop, till);
    expect(fresh.changeGiven).not.toEqual(before.changeGiven);
    expect(served).toEqual(fresh);
  });
});
