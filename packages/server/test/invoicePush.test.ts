import { computeInvoiceTotals } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { demoLine } from "../src/testing/invoiceFactory";
import { countRows, newShop, openTill, pushOk, type Shop } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const invoiceTotal = async (shop: Shop, query = "") =>
  (await shop.http.get(`/api/invoices?limit=500${query}`, { token: shop.admin })).body.total as number;

describe("POST /api/sync/push: exactly once", () => {
  it("accepts a valid invoice and answers with the server's summary", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const invoice = till.invoice();
    const [result] = await pushOk(till, [invoice]);
    expect(result).toMatchObject({ outcome: "accepted", id: invoice.id, revision: 1, duplicate: false });
    expect(result.invoice).toMatchObject({
      id: invoice.id,
      status: "accepted",
      number: invoice.number,
      prefix: "POS",
      terminalId: till.terminalId,
      deviceId: till.deviceId,
      cashierId: shop.demo.cashierId,
      clientId: shop.demo.clients.walkIn,
      total: computeInvoiceTotals(invoice.lines).total,
      errors: [],
    });
    expect(await invoiceTotal(shop)).toBe(1);
  });

  it("the same invoice pushed again (same revision) → accepted, duplicate:true, still one row", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const [again] = await pushOk(till, [invoice]);
    expect(again).toMatchObject({ outcome: "accepted", id: invoice.id, duplicate: true });
    expect(again.invoice.number).toBe(invoice.number);
    expect(await invoiceTotal(shop)).toBe(1);
  });

  it("the same invoice twice in one batch → one row, both answered accepted", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const invoice = till.invoice();
    const results = await pushOk(till, [invoice, invoice]);
    expect(results.map((r) => [r.outcome, r.id])).toEqual([
      ["accepted", invoice.id],
      ["accepted", invoice.id],
    ]);
    expect(await invoiceTotal(shop)).toBe(1);
  });

  it("one invalid invoice among 20 valid ones: the 20 are accepted, the one is rejected alone", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const valid = Array.from({ length: 20 }, () => till.invoice());
    const bad = till.invoice({ totals: { total: 1 } });
    const malformed = { ...till.invoice(), lines: [] };
    const batch = [...valid.slice(0, 10), bad, malformed, ...valid.slice(10)];
    const results = await pushOk(till, batch);
    expect(results.map((r) => r.id)).toEqual(batch.map((i) => i.id));
    expect(results.filter((r) => r.outcome === "accepted")).toHaveLength(20);
    expect(results[10]).toMatchObject({ outcome: "rejected", errors: [{ code: "TOTALS_MISMATCH" }] });
    expect(results[11]).toMatchObject({ outcome: "rejected", errors: [{ code: "INVOICE_INVALID" }] });
    expect(await invoiceTotal(shop, "&status=accepted")).toBe(20);
  });

  it("5 concurrent pushes of the same invoices (two tabs, retries) → exactly one row each", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const invoices = Array.from({ length: 4 }, () => till.invoice());
    const responses = await Promise.all(Array.from({ length: 5 }, () => till.push(invoices)));
    for (const res of responses) {
      expect(res.status).toBe(200);
      for (const r of res.body.results) expect(["accepted", "retry"]).toContain(r.outcome);
    }
    expect(await countRows(server, "invoices", shop.demo.companyId)).toBe(4);
    const fresh = responses.flatMap((r) => r.body.results).filter((r) => r.outcome === "accepted" && !r.duplicate);
    expect(fresh.length).toBeLessThanOrEqual(4);
    // Whatever was answered "retry" is accepted as a duplicate on the next try.
    const after = await pushOk(till, invoices);
    expect(after.map((r) => [r.outcome, r.duplicate])).toEqual(invoices.map(() => ["accepted", true]));
  });

  it("a new revision of a rejected invoice replaces it and keeps its number; the detail shows both", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const { http, admin, demo } = shop;
    await http.patch(`/api/products/${demo.productIds[0]}`, { active: false }, { token: admin });
    const rev1 = till.invoice();
    const [r1] = await pushOk(till, [rev1]);
    expect(r1).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "PRODUCT_INACTIVE", field: "lines.0.productId" }],
    });
    const listed = await http.get("/api/invoices?status=rejected", { token: admin });
    expect(listed.body.items[0]).toMatchObject({
      id: rev1.id,
      status: "rejected",
      errors: [{ code: "PRODUCT_INACTIVE" }],
    });

    const rev2 = till.invoice({ id: rev1.id, revision: 2, lines: [demoLine(demo, 3, 2)], issuedAt: rev1.issuedAt });
    rev2.number = rev1.number;
    const [r2] = await pushOk(till, [rev2]);
    expect(r2, JSON.stringify(r2)).toMatchObject({
      outcome: "accepted",
      revision: 2,
      duplicate: false,
      invoice: { number: rev1.number },
    });
    expect(await invoiceTotal(shop)).toBe(1);

    const detail = await http.get(`/api/invoices/${rev1.id}`, { token: admin });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: "accepted", revision: 2, errors: [], voidReason: null });
    expect(detail.body.document).toEqual(rev2);
    expect(detail.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(detail.body.revisions[0].document).toEqual(rev1);
    // Names beside the ids: who made each revision and on which device, as a person reads them.
    expect(detail.body.revisions[1]).toMatchObject({
      userId: demo.cashierId,
      userName: "Cajera Ejemplar",
      deviceId: till.deviceId,
      deviceName: "Navegador de prueba",
    });
    expect(detail.body.attempts).toMatchObject([
      {
        revision: 1,
        outcome: "rejected",
        errors: [{ code: "PRODUCT_INACTIVE" }],
        userId: demo.cashierId,
        deviceId: till.deviceId,
        userName: "Cajera Ejemplar",
        deviceName: "Navegador de prueba",
      },
      { revision: 2, outcome: "accepted", errors: [] },
    ]);
    // The old revision arriving late (another tab) does not undo it.
    const [late] = await pushOk(till, [rev1]);
    expect(late).toMatchObject({ outcome: "accepted", duplicate: true, revision: 2 });
  });

  it("'Sincronizar de nuevo': the same revision is accepted once the admin fixed the cause", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const { http, admin, demo } = shop;
    await http.patch(`/api/clients/${demo.clients.pedro}`, { active: false }, { token: admin });
    const invoice = till.invoice({ clientId: demo.clients.pedro });
    expect((await pushOk(till, [invoice]))[0].outcome).toBe("rejected");
    await http.patch(`/api/clients/${demo.clients.pedro}`, { active: true }, { token: admin });
    const [again] = await pushOk(till, [invoice]);
    expect(again).toMatchObject({ outcome: "accepted", duplicate: false });
    const detail = await http.get(`/api/invoices/${invoice.id}`, { token: admin });
    expect(detail.body.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(["rejected", "accepted"]);
  });

  // Regression (fixed): the newClient INSERT uses WITH ORDINALITY with a column definition list, a SQL error
  // (42601) that turns the whole push into a 500 (invoiceAcceptor.ts writeDecisions).
  it("a client created at the till travels with its first invoice", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const newClient = {
      id: crypto.randomUUID(),
      name: "Rosa Gutiérrez",
      idType: "CC" as const,
      idNumber: "39555666",
      email: null,
      phone: null,
      address: null,
      active: true,
    };
    const [result] = await pushOk(till, [till.invoice({ clientId: newClient.id, newClient })]);
    expect(result.outcome).toBe("accepted");
    const client = await shop.http.get(`/api/clients/${newClient.id}`, { token: shop.admin });
    expect(client.body).toMatchObject({ name: "Rosa Gutiérrez", idNumber: "39555666" });
  });

  it("electronic numbering: the server assigns consecutive numbers", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { terminal: "caja3" });
    const results = await pushOk(till, [till.invoice(), till.invoice()]);
    expect(results.map((r) => [r.outcome, r.invoice?.number, r.invoice?.prefix])).toEqual([
      ["accepted", 1, "FE"],
      ["accepted", 2, "FE"],
    ]);
  });

  // Regression (fixed): an electronic invoice may bring its own number; the server's next assignment then
  // collides forever and the whole batch answers "retry" (invoiceAcceptor.ts assignElectronicNumbers).
  it("electronic numbering: a number chosen by the device never blocks later invoices", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { terminal: "caja3" });
    const chosen = till.invoice({ number: 1 });
    await pushOk(till, [chosen]);
    const [next] = await pushOk(till, [till.invoice()]);
    expect(next.outcome).toBe("accepted");
  });

  // Decision: another device of the same company may upload a device's invoice (that is how an
  // "Exportar pendientes" file imported on another till gets its sales up, issue 3). The invoice
  // keeps the device and number it was made with, must name that device's terminal, and the
  // attempt records which device uploaded it.
  it("another device of the company may upload a device's invoice (import), and the attempt says who", async () => {
    const shop = await newShop(server);
    const [tillA, tillB] = [await openTill(shop), await openTill(shop)];
    const madeOnA = tillA.invoice();
    const [result] = await pushOk(tillB, [madeOnA]);
    expect(result.outcome).toBe("accepted");
    const detail = await shop.http.get(`/api/invoices/${madeOnA.id}`, { token: shop.admin });
    expect(detail.body.deviceId).toBe(tillA.deviceId);
    expect(detail.body.attempts.map((a: { deviceId: string }) => a.deviceId)).toEqual([tillB.deviceId]);
    const wrongTerminal = tillB.invoice({ deviceId: tillA.deviceId, terminalId: shop.demo.terminals.caja2 });
    const [refused] = await pushOk(tillB, [wrongTerminal]);
    expect(refused.outcome).toBe("rejected");
  });
});

describe("GET /api/invoices and /api/invoices/:id", () => {
  it("filters by status, terminal and date range, and pages", async () => {
    const shop = await newShop(server);
    const { http, admin, demo } = shop;
    const [t1, t2] = [await openTill(shop), await openTill(shop, { terminal: "caja2" })];
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const on1 = [5, 4, 3].map((h) => t1.invoice({ issuedAt: hoursAgo(h) }));
    const on2 = [2, 1].map((h) => t2.invoice({ issuedAt: hoursAgo(h) }));
    await pushOk(t1, on1);
    await pushOk(t2, on2);
    await http.patch(`/api/products/${demo.productIds[0]}`, { active: false }, { token: admin });
    await pushOk(t2, [t2.invoice({ issuedAt: hoursAgo(0.5) })]);

    const ids = async (q: string) =>
      (await http.get(`/api/invoices?${q}`, { token: admin })).body.items.map((i: { id: string }) => i.id);
    // Newest first.
    expect(await ids("status=accepted")).toEqual([on2[1], on2[0], on1[2], on1[1], on1[0]].map((i) => i?.id));
    expect((await ids("status=rejected")).length).toBe(1);
    expect(await ids(`terminalId=${demo.terminals.caja1}`)).toEqual(on1.map((i) => i.id).reverse());
    expect(await ids(`from=${encodeURIComponent(hoursAgo(4.5))}&to=${encodeURIComponent(hoursAgo(1.5))}`)).toEqual(
      [on2[0], on1[2], on1[1]].map((i) => i?.id),
    );
    const page1 = await http.get("/api/invoices?limit=2&offset=0", { token: admin });
    const page2 = await http.get("/api/invoices?limit=2&offset=2", { token: admin });
    const page3 = await http.get("/api/invoices?limit=2&offset=4", { token: admin });
    expect(page1.body).toMatchObject({ total: 6, limit: 2, offset: 0 });
    const all = [...page1.body.items, ...page2.body.items, ...page3.body.items].map((i) => i.id);
    expect(new Set(all).size).toBe(6);
    // A cashier sees only what they sold.
    expect((await http.get("/api/invoices", { token: shop.cashier })).body.total).toBe(6);
  });

  it("a cashier sees and voids only what they sold; an admin sees everything", async () => {
    const shop = await newShop(server);
    const { http, admin, cashier } = shop;
    const [mine, admins] = [await openTill(shop), await openTill(shop, { terminal: "caja2", as: "admin" })];
    const own = mine.invoice();
    const other = admins.invoice();
    await pushOk(mine, [own]);
    await pushOk(admins, [other]);
    const list = await http.get("/api/invoices", { token: cashier });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
    expectApiError(await http.get(`/api/invoices/${other.id}`, { token: cashier }), 404, "NOT_FOUND");
    expectApiError(
      await http.post(`/api/invoices/${other.id}/void`, { reason: "x" }, { token: cashier }),
      404,
      "NOT_FOUND",
    );
    expect((await http.get("/api/invoices", { token: admin })).body.total).toBe(2);
  });

  it("void: the invoice becomes 'voided' with its reason, keeps its number, and cannot be voided twice", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const { http, admin } = shop;
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const res = await http.post(
      `/api/invoices/${invoice.id}/void`,
      { reason: "Cliente devolvió todo" },
      { token: admin },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: invoice.id, status: "voided", number: invoice.number });
    const detail = await http.get(`/api/invoices/${invoice.id}`, { token: admin });
    expect(detail.body).toMatchObject({ status: "voided", voidReason: "Cliente devolvió todo" });
    expectApiError(
      await http.post(`/api/invoices/${invoice.id}/void`, { reason: "otra vez" }, { token: admin }),
      409,
      "CONFLICT",
    );
    expect(await invoiceTotal(shop, "&status=voided")).toBe(1);
    const reuse = till.invoice();
    reuse.number = invoice.number;
    const [r] = await pushOk(till, [reuse]);
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "NUMBER_ALREADY_USED" }] });
  });

  // Regression (fixed): voiding a rejected invoice claims its number in invoices_number_once; when the rejection was
  // NUMBER_ALREADY_USED the void fails with 409 (invoiceVoider.ts, migrations/001_initial.sql).
  it("'Anular' an invoice rejected for NUMBER_ALREADY_USED works", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const first = till.invoice();
    const copy = till.invoice();
    copy.number = first.number;
    await pushOk(till, [first]);
    expect((await pushOk(till, [copy]))[0].errors[0].code).toBe("NUMBER_ALREADY_USED");
    const res = await shop.http.post(
      `/api/invoices/${copy.id}/void`,
      { reason: "número repetido" },
      { token: shop.cashier },
    );
    expect(res.status).toBe(200);
  });
});
