import { describe, expect, it, vi } from "vitest";
import { newShop, openTill, pushOk, shopWithTill } from "./support/company";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/**
 * The revisions' documents travel to PostgreSQL as one buffer of JSON texts, each found by its byte
 * offset and length, and are stored as json (migration 025): every document must come back exactly as
 * it was sent, whatever its characters take in UTF-8 and wherever it sits in the batch.
 */
describe("invoice documents stored as the JSON text the server wrote", () => {
  it("a batch of documents with accents, ñ, emoji and escapes: each one stored whole and in its own row", async () => {
    const { shop, till } = await shopWithTill(server);
    const notes = [
      "",
      "Ñandú café — señora Müller",
      "pan 🍞 y leche 🥛",
      'comillas "dobles" y \\ barra',
      "línea\nnueva\tfin",
      "x",
    ];
    const invoices = notes.map((n) => till.invoice({ notes: n }));
    const results = await pushOk(till, invoices);
    expect(results.map((r) => r.outcome)).toEqual(notes.map(() => "accepted"));
    for (const sent of invoices) {
      const detail = await shop.http.get(`/api/invoices/${sent.id}`, { token: shop.admin });
      expect(detail.status).toBe(200);
      expect(detail.body.document).toEqual(sent);
    }
    const stored = await server.db.query<{ type: string; text: string }>(
      `SELECT pg_typeof(document)::text AS type, document::text AS text FROM invoice_revisions
        WHERE company_id = $1 AND invoice_id = $2`,
      [shop.demo.companyId, invoices[2]?.id],
    );
    expect(stored[0]?.type).toBe("json");
    // The compact text the server serialized (jsonb's text has a space after each colon and comma).
    const text = String(stored[0]?.text);
    expect(JSON.parse(text)).toEqual(invoices[2]);
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("a resent batch is answered as stored (same content), and a changed one is not taken as the same", async () => {
    const { till } = await shopWithTill(server);
    const invoices = [till.invoice({ notes: "año" }), till.invoice({ notes: "niño 👶" })];
    await pushOk(till, invoices);
    const again = await pushOk(till, invoices);
    expect(again.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    const changed = await till.push([{ ...invoices[1], notes: "otro" }]);
    expect(changed.body.results[0].outcome).toBe("rejected");
  });

  it("an electronic sale numbered by the server is stored with that number in its document", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { terminal: "caja3" });
    const sent = till.invoice({ notes: "electrónica ✓" });
    const [result] = await pushOk(till, [sent]);
    expect(result?.outcome).toBe("accepted");
    const detail = await shop.http.get(`/api/invoices/${sent.id}`, { token: shop.admin });
    expect(detail.body.document).toEqual({ ...sent, number: result?.invoice.number });
  });

  it("a product or payment method named only in stored documents is still in use", async () => {
    const { shop, till } = await shopWithTill(server);
    const [line] = till.invoice().lines;
    await pushOk(till, [till.invoice({ notes: "usa el producto" })]);
    const gone = await shop.http.del(`/api/products/${line?.productId}`, { token: shop.admin });
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe("IN_USE");
  });
});
