import { computeInvoiceTotals, MAX_MONEY, uuidv7 } from "@mostrador/domain";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { demoLine } from "../src/testing/invoiceFactory";
import { countRows, newShop, openTill, pushOk, type Shop, shopWithTill, type Till } from "./support/company";
import type { Json } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const storedIds = async (shop: Shop) =>
  (
    await server.db.query<{ id: string }>("SELECT id FROM invoices WHERE company_id = $1 AND status = 'accepted'", [
      shop.demo.companyId,
    ])
  ).map((r) => r.id);

const setup = () => shopWithTill(server);

describe("no poison pills: one result per invoice, never a 5xx for the batch", () => {
  it("an unknown device, or another company's, is rejected alone; the valid invoices are stored", async () => {
    const { shop, till } = await setup();
    const foreign = await openTill(await newShop(server));
    const valid = [till.invoice(), till.invoice()];
    const batch = [
      valid[0],
      till.invoice({ deviceId: uuidv7() }),
      till.invoice({ deviceId: foreign.deviceId }),
      valid[1],
    ];
    const results = await pushOk(till, batch);
    expect(results.map((r: Json) => r.outcome)).toEqual(["accepted", "rejected", "rejected", "accepted"]);
    expect(results[1].errors[0]).toMatchObject({ code: "DEVICE_MISMATCH", field: "deviceId" });
    expect((await storedIds(shop)).sort()).toEqual(valid.map((v) => v.id).sort());
  });

  it("NUL and control characters in any text field → INVOICE_INVALID naming the field; the rest are stored", async () => {
    const { shop, till } = await setup();
    const { demo } = shop;
    const newClientId = crypto.randomUUID();
    const hostile = [
      till.invoice({ notes: "nota\u0000" }),
      till.invoice({
        clientId: newClientId,
        newClient: {
          id: newClientId,
          name: "Ana\u0000",
          idType: "CC",
          idNumber: "5551234",
          email: null,
          phone: null,
          address: null,
          active: true,
        },
      }),
      till.invoice({ lines: [demoLine(demo, 0, 1, { description: "Pan\u001b[31m" })] }),
      till.invoice({ prefix: "P\ud800" }),
    ];
    const valid = till.invoice();
    const results = await pushOk(till, [...hostile, valid]);
    expect(results.map((r: Json) => [r.outcome, r.errors?.[0]?.code, r.errors?.[0]?.field])).toEqual([
      ["rejected", "INVOICE_INVALID", "notes"],
      ["rejected", "INVOICE_INVALID", "newClient.name"],
      ["rejected", "INVOICE_INVALID", "lines.0.description"],
      ["rejected", "INVOICE_INVALID", "prefix"],
      ["accepted", undefined, undefined],
    ]);
    expect(await storedIds(shop)).toEqual([valid.id]);
  });

  it("NUL on catalog writes → 400 with a field error, nothing created", async () => {
    const { shop } = await setup();
    const before = await countRows(server, "clients", shop.demo.companyId);
    const client = await shop.http.post(
      "/api/clients",
      { name: "Ana\u0000", idType: "CC", idNumber: "5551234" },
      { token: shop.admin },
    );
    expect(client.status).toBe(400);
    expect(client.body.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(client.body.error)).toContain("name");
    const product = await shop.http.post(
      "/api/products",
      { name: "Pan", reference: "R\u0000", price: 100, taxId: shop.demo.taxes.IVA19, categoryId: null },
      { token: shop.admin },
    );
    expect(product.status).toBe(400);
    expect(await countRows(server, "clients", shop.demo.companyId)).toBe(before);
  });

  it("a line whose total would overflow → INVOICE_INVALID on that line, nothing of it stored; the rest stored", async () => {
    const { shop, till } = await setup();
    const line = demoLine(shop.demo, 0, 1_000_000, { unitPrice: MAX_MONEY });
    const huge = till.invoice({
      lines: [line],
      totals: { subtotal: 1, tax: 0, total: 1, paid: 1, change: 0, taxes: [] },
    });
    const absurdTotals = till.invoice({ totals: { total: 1e300 } });
    const valid = till.invoice();
    const results = await pushOk(till, [huge, absurdTotals, valid]);
    expect(results[0]).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "INVOICE_INVALID", field: "lines.0.quantity" }],
    });
    expect(results[1]).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "INVOICE_INVALID", field: "totals.total" }],
    });
    expect(results[2]).toMatchObject({ outcome: "accepted" });
    const rows = await server.db.query("SELECT id FROM invoices WHERE company_id = $1", [shop.demo.companyId]);
    expect(rows.map((r) => r.id)).toEqual([valid.id]);
  });

  it("property: batches mixing valid and hostile invoices → no 5xx, each valid one stored once, each hostile one rejected with a code", async () => {
    const shop = await newShop(server);
    // Many invoices from one till: the numbering lets a device hold more than the default two blocks.
    const raised = await shop.http.patch(
      `/api/numberings/${shop.demo.numberings.pos}`,
      { maxUnusedPerDevice: 1000 },
      { token: shop.admin },
    );
    expect(raised.status).toBe(200);
    const till = await openTill(shop, { lease: 500 });
    const { demo } = shop;
    const hostileText = fc.constantFrom("\u0000", "a\u0000b", "\u0007", "\ud800", "\udfff x", "x".repeat(5000));
    const hostile: fc.Arbitrary<(t: Till) => Json> = fc.oneof(
      fc.constant((t: Till) => t.invoice({ deviceId: uuidv7() })),
      fc.constant((t: Till) => t.invoice({ clientId: crypto.randomUUID() })),
      fc.constant((t: Till) => t.invoice({ lines: [demoLine(demo, 0, 1, { productId: crypto.randomUUID() })] })),
      fc.constant((t: Till) => t.invoice({ numberingId: crypto.randomUUID() })),
      hostileText.map((s) => (t: Till) => t.invoice({ notes: s })),
      hostileText.map((s) => (t: Till) => t.invoice({ lines: [demoLine(demo, 0, 1, { description: s })] })),
      fc
        .constantFrom(1e300, -1, Number.MAX_SAFE_INTEGER, 2 ** 63, 0.5, Number.NaN)
        .map((n) => (t: Till) => t.invoice({ totals: { total: n } })),
      fc
        .constantFrom(1e6, 1e-10, 0, -1, 1e9)
        .map((q) => (t: Till) => t.invoice({ lines: [demoLine(demo, 0, q, { unitPrice: MAX_MONEY })] })),
      fc.constant((t: Till) => ({ ...t.invoice(), id: "not-a-uuid" })),
      fc.constant(() => null),
      fc.constant(() => "\u0000"),
    );
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant("valid" as const), hostile), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (kinds, withConflict) => {
          round++;
          const batch: Json[] = [];
          const expectedValid: string[] = [];
          for (const kind of kinds) {
            if (kind === "valid") {
              const inv = till.invoice();
              expectedValid.push(inv.id);
              batch.push(inv);
            } else batch.push(kind(till));
          }
          // A valid invoice already stored, sent again with other content under the same revision.
          let conflict: Json | null = null;
          if (withConflict) {
            const original = till.invoice();
            await pushOk(till, [original]);
            conflict = { ...original, notes: `cambiada ${round}` };
            batch.push(conflict);
          }
          const res = await till.push(batch);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          const results: Json[] = res.body.results;
          expect(results).toHaveLength(batch.length);
          batch.forEach((inv, i) => {
            const r = results[i];
            if (expectedValid.includes(inv?.id))
              expect(r, JSON.stringify(r)).toMatchObject({ outcome: "accepted", duplicate: false });
            else if (conflict !== null && inv === conflict)
              expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "REVISION_CONFLICT" }] });
            else {
              expect(r.outcome, `${i}: ${JSON.stringify(inv).slice(0, 600)} → ${JSON.stringify(r)}`).toBe("rejected");
              expect(r.errors.length).toBeGreaterThan(0);
              for (const e of r.errors) expect(typeof e.code).toBe("string");
            }
          });
          const stored = new Set(await storedIds(shop));
          for (const id of expectedValid) expect(stored.has(id)).toBe(true);
        },
      ),
      { numRuns: 15, seed: 20261201 },
    );
    // Exactly once: no id twice (the primary key), and every accepted invoice of the property is there.
    const dupes = await server.db.query(
      "SELECT id FROM invoices WHERE company_id = $1 GROUP BY id HAVING count(*) > 1",
      [shop.demo.companyId],
    );
    expect(dupes).toEqual([]);
  });
});

describe("identity of a pushed invoice", () => {
  it("a cashier's device cannot push an invoice in the admin's name (the admin never signed in there)", async () => {
    const { shop, till } = await setup();
    const [r] = await pushOk(till, [till.invoice({ cashierId: shop.demo.adminId })]);
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "CASHIER_NOT_ALLOWED", field: "cashierId" }] });
    // The admin's own till (registered by the admin) may.
    const adminTill = await openTill(shop, { as: "admin", terminal: "caja2" });
    expect((await pushOk(adminTill, [adminTill.invoice()]))[0].outcome).toBe("accepted");
  });

  it("another device's id with this device's numbers → NUMBER_NOT_LEASED; with the other's terminal too", async () => {
    const { shop, till } = await setup();
    const other = await openTill(shop, { terminal: "caja2" });
    const [r] = await pushOk(till, [till.invoice({ deviceId: other.deviceId, terminalId: other.terminalId })]);
    expect(r.outcome).toBe("rejected");
    expect(r.errors.map((e: Json) => e.code)).toContain("NUMBER_NOT_LEASED");
  });

  it("the same id and revision with different content → REVISION_CONFLICT; the stored invoice is unchanged", async () => {
    const { shop, till } = await setup();
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const changed = { ...invoice, notes: "otra cosa" };
    const [r] = await pushOk(till, [changed]);
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "REVISION_CONFLICT" }] });
    const detail = await shop.http.get(`/api/invoices/${invoice.id}`, { token: shop.admin });
    expect(detail.body.document.notes).toBe("");
    // The same content again is still the harmless duplicate.
    expect((await pushOk(till, [invoice]))[0]).toMatchObject({ outcome: "accepted", duplicate: true });
  });
});

describe("business rules the server checks", () => {
  it("a newClient carrying an existing client's id does not bypass that client's checks", async () => {
    const { shop, till } = await setup();
    const { demo, http, admin } = shop;
    await http.patch(`/api/clients/${demo.clients.pedro}`, { active: false }, { token: admin });
    const disguised = {
      id: demo.clients.pedro,
      name: "Pedro Osorio",
      idType: "CC" as const,
      idNumber: "99887766",
      email: null,
      phone: null,
      address: null,
      active: true,
    };
    const [r1] = await pushOk(till, [till.invoice({ clientId: demo.clients.pedro, newClient: disguised })]);
    expect(r1).toMatchObject({ outcome: "rejected", errors: [{ code: "CLIENT_INACTIVE" }] });
    // The identified-client threshold is checked on the walk-in client as stored, not as disguised.
    await server.db.query("UPDATE companies SET identified_client_threshold = 1000000 WHERE id = $1", [demo.companyId]);
    const walkIn = { ...disguised, id: demo.clients.walkIn };
    const big = till.invoice({ lines: [demoLine(demo, 11, 1)], clientId: demo.clients.walkIn, newClient: walkIn });
    const [r2] = await pushOk(till, [big]);
    expect(r2).toMatchObject({ outcome: "rejected", errors: [{ code: "CLIENT_IDENTIFICATION_REQUIRED" }] });
  });

  it("the per-rate tax breakdown must equal the recomputed one (taxes: [] is refused)", async () => {
    const { till } = await setup();
    const [r] = await pushOk(till, [till.invoice({ totals: { taxes: [] } })]);
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "TOTALS_MISMATCH", field: "totals" }] });
  });

  it("a quantity that rounds to 0 is refused", async () => {
    const { shop, till } = await setup();
    const [r] = await pushOk(till, [till.invoice({ lines: [demoLine(shop.demo, 0, 1e-10)] })]);
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "INVOICE_INVALID", field: "lines.0.quantity" }] });
  });

  it("price 0 and 100 % discounts are allowed (gifts) and visible in the invoice's audit trail", async () => {
    const { shop, till } = await setup();
    const lines = [
      demoLine(shop.demo, 0, 1, { unitPrice: 0 }),
      demoLine(shop.demo, 1, 1, { discountPercent: 100 }),
      demoLine(shop.demo, 2, 1),
    ];
    expect(computeInvoiceTotals(lines).total).toBeGreaterThan(0);
    const invoice = till.invoice({ lines });
    expect((await pushOk(till, [invoice]))[0].outcome).toBe("accepted");
    const detail = await shop.http.get(`/api/invoices/${invoice.id}`, { token: shop.admin });
    expect(detail.body.attempts[0].notices).toEqual([
      { code: "ZERO_PRICE", line: 0 },
      { code: "FULL_DISCOUNT", line: 1 },
    ]);
  });
});
