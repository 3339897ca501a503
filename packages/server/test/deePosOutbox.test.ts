import { cude, issueMoment } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { validateAgainstSchema } from "../src/features/electronicDocument/schemaValidator";
import { demoLine } from "../src/testing/invoiceFactory";
import { newShop, openTill, pushOk } from "./support/company";
import { openDeePosTill, testDianSettings } from "./support/dian";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

async function outbox(companyId: string) {
  return server.db.query<Record<string, unknown>>(
    "SELECT * FROM electronic_documents WHERE company_id = $1 ORDER BY number",
    [companyId],
  );
}

describe("the electronic documents outbox (DEE POS)", () => {
  it("an accepted sale on a DEE POS terminal gets its generated, schema-valid document with the CUDE", async () => {
    const shop = await newShop(server);
    const till = await openDeePosTill(shop);
    // IVA 19 %, IVA 5 % with a discount, exempt, INC 8 %.
    const lines = [
      demoLine(shop.demo, 0, 2),
      demoLine(shop.demo, 5, 1, { discountPercent: 10 }),
      demoLine(shop.demo, 7, 3),
      demoLine(shop.demo, 32, 1),
    ];
    const invoices = [till.invoice({ lines }), till.invoice()];
    const results = await pushDee(till, invoices);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    const rows = await outbox(shop.demo.companyId);
    expect(rows.map((r) => [r.number, r.state, r.environment])).toEqual([
      ["SETP990000000", "generated", "2"],
      ["SETP990000001", "generated", "2"],
    ]);
    const [first] = rows;
    const cashier = await cashierName(shop.demo.companyId, shop.demo.cashierId);
    const sale = invoices[0]!;
    const moment = issueMoment(sale.issuedAt, "America/Bogota");
    const ivaAmount = sale.totals.taxes.filter((t) => t.kind !== "INC").reduce((s, t) => s + t.amount, 0);
    const incAmount = sale.totals.taxes.filter((t) => t.kind === "INC").reduce((s, t) => s + t.amount, 0);
    expect(incAmount).toBeGreaterThan(0);
    expect(first?.cude).toBe(
      cude({
        number: "SETP990000000",
        issueDate: moment.date,
        issueTime: moment.time,
        lineExtensionAmount: sale.totals.subtotal - sale.totals.discount,
        ivaAmount,
        incAmount,
        icaAmount: 0,
        payableAmount: sale.totals.total,
        issuerNit: "900123456",
        buyerId: "222222222222",
        softwarePin: testDianSettings.softwarePin,
        environment: "2",
      }),
    );
    expect(String(first?.qr_text)).toContain(`CUDE: ${first?.cude}`);
    for (const row of rows) {
      const xml = String(row.xml);
      expect(xml).toContain(`<cbc:UUID schemeID="2" schemeName="CUDE-SHA384">${row.cude}</cbc:UUID>`);
      expect(xml).toContain("<sts:InvoiceAuthorization>18760000001</sts:InvoiceAuthorization>");
      expect(xml).toContain(`<Name>Cajero</Name><Value>${cashier}</Value>`);
      // The PIN enters the hashes only (checked as content or attribute: ids and hashes are random).
      expect(xml).not.toContain(`>${testDianSettings.softwarePin}<`);
      expect(xml).not.toContain(`"${testDianSettings.softwarePin}"`);
      const validation = await validateAgainstSchema(xml);
      expect(validation.errors).toEqual([]);
    }
    // The same push again: duplicates, still one document each.
    const again = await pushDee(till, invoices);
    expect(again.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    expect(await outbox(shop.demo.companyId)).toHaveLength(2);
  });

  it("sales on other numberings get none; a company without DIAN settings gets not_generated with the reason", async () => {
    const shop = await newShop(server);
    const pos = await openTill(shop);
    const electronic = await openTill(shop, { terminal: "caja3" });
    await pushOk(pos, [pos.invoice()]);
    await pushOk(electronic, [electronic.invoice()]);
    expect(await outbox(shop.demo.companyId)).toEqual([]);
    const till = await openDeePosTill(shop, { configure: false });
    const results = await pushDee(till, [till.invoice()]);
    expect(results[0]?.outcome).toBe("accepted");
    const rows = await outbox(shop.demo.companyId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      number: "SETP990000000",
      state: "not_generated",
      problem: "DIAN settings incomplete: softwareId, softwarePin",
      cude: null,
      xml: null,
    });
  });
});

describe("a document that cannot be built", () => {
  it("leaves the sale accepted and the row not_generated with the reason; the till's prefix is not trusted", async () => {
    const shop = await newShop(server);
    const till = await openDeePosTill(shop);
    const good = till.invoice({ prefix: "OTRO" });
    expect((await pushDee(till, [good]))[0]?.outcome).toBe("accepted");
    // A NIT stored before today's rules (no dash): its digits are not a NIT the CUDE can carry.
    await server.db.query("UPDATE companies SET nit = 'NIT 900123456' WHERE id = $1", [shop.demo.companyId]);
    const results = await pushDee(till, [till.invoice(), till.invoice()]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    const rows = await outbox(shop.demo.companyId);
    expect(rows.map((r) => [r.number, r.state])).toEqual([
      ["SETP990000000", "generated"],
      ["SETP990000001", "not_generated"],
      ["SETP990000002", "not_generated"],
    ]);
    expect(String(rows[1]?.problem)).toMatch(/^document not generated: .*issuerNit/);
  });
});

describe("GET /api/electronic-documents (admins)", () => {
  it("lists the outbox by state and gives one document with its XML; cashiers may not", async () => {
    const shop = await newShop(server);
    const till = await openDeePosTill(shop);
    const sales = [till.invoice(), till.invoice()];
    await pushDee(till, sales);
    const list = await shop.http.get("/api/electronic-documents", { token: shop.admin });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((d: { number: string }) => d.number).sort()).toEqual(["SETP990000000", "SETP990000001"]);
    expect(list.body.items[0]).toMatchObject({ kind: "dee_pos", state: "generated", environment: "2", attempts: 0 });
    expect(list.body.items[0].xml).toBeUndefined();
    const generated = await shop.http.get("/api/electronic-documents?state=generated&limit=1", { token: shop.admin });
    expect(generated.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(generated.body.items).toHaveLength(1);
    const accepted = await shop.http.get("/api/electronic-documents?state=accepted", { token: shop.admin });
    expect(accepted.body).toMatchObject({ total: 0, items: [] });
    const one = await shop.http.get(`/api/electronic-documents/${sales[0]?.id}`, { token: shop.admin });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ invoiceId: sales[0]?.id, number: "SETP990000000", dianResponse: null });
    expect(one.body.xml).toContain(`<cbc:UUID schemeID="2" schemeName="CUDE-SHA384">${one.body.cude}</cbc:UUID>`);
    expect(one.body.qrText).toContain(one.body.cude);
    expectApiError(await shop.http.get("/api/electronic-documents", { token: shop.cashier }), 403);
    expectApiError(await shop.http.get("/api/electronic-documents?state=lost", { token: shop.admin }), 400);
    expectApiError(
      await shop.http.get(`/api/electronic-documents/${shop.demo.productIds[0]}`, { token: shop.admin }),
      404,
      "NOT_FOUND",
    );
    // Another company sees none of them.
    const other = await newShop(server);
    expect((await other.http.get("/api/electronic-documents", { token: other.admin })).body.total).toBe(0);
    expectApiError(await other.http.get(`/api/electronic-documents/${sales[0]?.id}`, { token: other.admin }), 404);
  });
});

async function pushDee(till: Awaited<ReturnType<typeof openDeePosTill>>, invoices: unknown[]) {
  const res = await till.push(invoices);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results as { outcome: string }[];
}

async function cashierName(companyId: string, userId: string) {
  const rows = await server.db.query("SELECT name FROM users WHERE company_id = $1 AND id = $2", [companyId, userId]);
  return rows[0]?.name;
}
