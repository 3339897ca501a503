import { describe, expect, it, vi } from "vitest";
import { letTillsLearnElectronicDocumentStates } from "../src/features/electronicDocument/electronicDocumentStateToTills";
import { leaseBlock, newShop, schemaHeader } from "./support/company";
import { contingencyNumbering, openContingencyTill, openDeePosTill, testSetNumbering } from "./support/dian";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();
const HOUR = 3_600_000;
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

async function outboxRow(companyId: string, invoiceId: string) {
  const rows = await server.db.query<Record<string, unknown>>(
    "SELECT * FROM electronic_documents WHERE company_id = $1 AND invoice_id = $2",
    [companyId, invoiceId],
  );
  return rows[0];
}

describe("issuer contingency: tickets a DEE POS till sold offline", () => {
  it("are accepted from the leased block, get their electronic document flagged contingency, 48 h from the sync", async () => {
    const shop = await newShop(server);
    const till = await openContingencyTill(shop);
    const tickets = [till.ticket({ issuedAt: hoursAgo(3) }), till.ticket({ issuedAt: hoursAgo(2) })];
    const before = Date.now();
    const res = await till.push(tickets);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const results = res.body.results as {
      outcome: string;
      invoice: { number: number; electronicDocument?: { state: string; cude: string; contingency: boolean } };
    }[];
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    // The till's own numbers stay: contingency tickets are numbered from the block, not by the server.
    expect(results.map((r) => r.invoice.number)).toEqual([till.block.rangeFrom, till.block.rangeFrom + 1]);
    for (const r of results) {
      expect(r.invoice.electronicDocument?.state).toBe("generated");
      expect(r.invoice.electronicDocument?.contingency).toBe(true);
      expect(r.invoice.electronicDocument?.cude).toMatch(/^[0-9a-f]{96}$/);
    }
    const row = await outboxRow(shop.demo.companyId, tickets[0]!.id);
    expect(row?.number).toBe(`CONT${till.block.rangeFrom}`);
    expect(row?.contingency).toBe(true);
    expect(String(row?.xml)).toContain("<sts:InvoiceAuthorization>18760000002</sts:InvoiceAuthorization>");
    const ended = ms(row?.outage_ended_at);
    expect(ended).toBeGreaterThanOrEqual(before - 1000);
    expect(ms(row?.deadline_at) - ended).toBe(48 * HOUR);

    // The list: contingency fields, the till's name, the filter.
    // Synced, a contingency ticket is an electronic document: corrected with a note, never voided.
    const voided = await shop.http.post(`/api/invoices/${tickets[0]!.id}/void`, { reason: "x" }, { token: shop.admin });
    expectApiError(voided, 409, "CONFLICT");
    expect(voided.body.error.details).toEqual({ reason: "INVOICE_ELECTRONIC" });

    const list = await shop.http.get("/api/electronic-documents?contingency=true", { token: shop.admin });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({ contingency: true, terminalName: "Caja DEE POS" });
    expect(list.body.items[0].deadlineAt).toBe(new Date(ended + 48 * HOUR).toISOString());
    expect(list.body.contingencyOverdue).toBe(0);
    const none = await shop.http.get("/api/electronic-documents?contingency=false", { token: shop.admin });
    expect(none.body.total).toBe(0);
  });

  it("one outage, one end: a later request of the same sync keeps the first request's end of the outage", async () => {
    const shop = await newShop(server);
    const till = await openContingencyTill(shop);
    const first = till.ticket({ issuedAt: hoursAgo(5) });
    const second = till.ticket({ issuedAt: hoursAgo(4) });
    expect((await till.push([first])).status).toBe(200);
    await new Promise((r) => setTimeout(r, 30));
    expect((await till.push([second])).status).toBe(200);
    const a = await outboxRow(shop.demo.companyId, first.id);
    const b = await outboxRow(shop.demo.companyId, second.id);
    expect(ms(b?.outage_ended_at)).toBe(ms(a?.outage_ended_at));
    // A ticket sold after that sync belongs to a new outage: its end is its own sync.
    const later = till.ticket();
    await new Promise((r) => setTimeout(r, 30));
    expect((await till.push([later])).status).toBe(200);
    const c = await outboxRow(shop.demo.companyId, later.id);
    expect(ms(c?.outage_ended_at)).toBeGreaterThan(ms(a?.outage_ended_at));
  });

  it("counts and lists overdue ones; due soon at 24 h or less left", async () => {
    const shop = await newShop(server);
    const till = await openContingencyTill(shop);
    const tickets = [till.ticket({ issuedAt: hoursAgo(3) }), till.ticket({ issuedAt: hoursAgo(2) })];
    expect((await till.push(tickets)).status).toBe(200);
    // As if the outage had ended 50 h and 30 h ago.
    await server.db.query(
      `UPDATE electronic_documents SET outage_ended_at = now() - interval '1 hour' * $3,
              deadline_at = now() - interval '1 hour' * $3 + interval '48 hours'
        WHERE company_id = $1 AND invoice_id = $2`,
      [shop.demo.companyId, tickets[0]!.id, 50],
    );
    await server.db.query(
      `UPDATE electronic_documents SET outage_ended_at = now() - interval '30 hours', deadline_at = now() + interval '18 hours'
        WHERE company_id = $1 AND invoice_id = $2`,
      [shop.demo.companyId, tickets[1]!.id],
    );
    const all = await shop.http.get("/api/electronic-documents", { token: shop.admin });
    expect([all.body.contingencyOverdue, all.body.contingencyDueSoon]).toEqual([1, 1]);
    const overdue = await shop.http.get("/api/electronic-documents?deadline=overdue", { token: shop.admin });
    expect(overdue.body.items.map((i: { invoiceId: string }) => i.invoiceId)).toEqual([tickets[0]!.id]);
    const dueSoon = await shop.http.get("/api/electronic-documents?deadline=due_soon", { token: shop.admin });
    expect(dueSoon.body.items.map((i: { invoiceId: string }) => i.invoiceId)).toEqual([tickets[1]!.id]);
    // Dates filter on the sale's day in the shop's zone.
    const future = await shop.http.get("/api/electronic-documents?from=2099-01-01", { token: shop.admin });
    expect(future.body.total).toBe(0);
    expectApiError(await shop.http.get("/api/electronic-documents?from=ayer", { token: shop.admin }), 400);
  });

  it("the pull's invoice rows carry the electronic document", async () => {
    const shop = await newShop(server);
    const till = await openContingencyTill(shop);
    const ticket = till.ticket({ issuedAt: hoursAgo(1) });
    expect((await till.push([ticket])).status).toBe(200);
    const pull = await shop.http.get("/api/sync/pull?cursor=0&invoiceCursor=0", {
      token: till.token,
      headers: schemaHeader,
    });
    expect(pull.status, JSON.stringify(pull.body)).toBe(200);
    const row = (pull.body.changes as { entity: string; id: string; data: Record<string, unknown> }[]).find(
      (c) => c.entity === "invoices" && c.id === ticket.id,
    );
    expect(row?.data.electronicDocument).toMatchObject({ state: "generated", contingency: true });
  });

  it("a state the sender changes reaches the till's next pull (the receipt stops saying pending)", async () => {
    const shop = await newShop(server);
    const till = await openContingencyTill(shop);
    const ticket = till.ticket({ issuedAt: hoursAgo(1) });
    expect((await till.push([ticket])).status).toBe(200);
    const pull = (cursor: number) =>
      shop.http.get(`/api/sync/pull?cursor=0&invoiceCursor=${cursor}`, { token: till.token, headers: schemaHeader });
    const first = await pull(0);
    const cursor = Number(first.body.invoiceCursor);
    expect(Number.isFinite(cursor)).toBe(true);
    // Nothing new for the till until the state changes and the till is told.
    const rowOf = (body: { changes: { entity: string; id: string; data: Record<string, unknown> }[] }) =>
      body.changes.find((c) => c.entity === "invoices" && c.id === ticket.id);
    expect(rowOf((await pull(cursor)).body)).toBeUndefined();
    await server.db.transaction(async (tx) => {
      await tx.query("UPDATE electronic_documents SET state = 'accepted' WHERE company_id = $1 AND invoice_id = $2", [
        shop.demo.companyId,
        ticket.id,
      ]);
      expect(await letTillsLearnElectronicDocumentStates(tx, shop.demo.companyId, [ticket.id])).toBe(1);
    });
    const next = rowOf((await pull(cursor)).body);
    expect(next?.data.electronicDocument).toMatchObject({ state: "accepted", contingency: true });
  });

  it("numbering rules: contingency is never electronic, needs its authorization; only DEE POS names one", async () => {
    const shop = await newShop(server);
    const { http, admin } = shop;
    expectApiError(
      await http.post("/api/numberings", { ...contingencyNumbering, electronic: true }, { token: admin }),
      400,
    );
    expectApiError(
      await http.post("/api/numberings", { ...contingencyNumbering, dianAuthorization: null }, { token: admin }),
      400,
    );
    // A DEE POS numbering naming a numbering that is not a contingency one.
    expectApiError(
      await http.post(
        "/api/numberings",
        { ...testSetNumbering, contingencyNumberingId: shop.demo.numberings.pos },
        { token: admin },
      ),
      400,
    );
    const till = await openDeePosTill(shop);
    // DEE POS numbers stay unleasable: the server numbers them.
    expectApiError(
      await http.post(
        "/api/number-blocks/lease",
        { numberingId: till.numberingId },
        {
          token: till.token,
          headers: schemaHeader,
        },
      ),
      409,
    );
    // A contingency numbering in use by a DEE POS numbering cannot be deleted.
    const withContingency = await openContingencyTill(shop);
    const del = await http.del(`/api/numberings/${withContingency.contingencyNumberingId}`, { token: admin });
    expect(del.status).toBe(409);
    // A contingency number outside the till's leased block is refused.
    await leaseBlock(http, withContingency.token, withContingency.contingencyNumberingId, 1);
    const stranger = withContingency.ticket({ number: 99_999 });
    const res = await withContingency.push([stranger]);
    expect(res.body.results[0].outcome).toBe("rejected");
  });
});
