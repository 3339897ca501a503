import "fake-indexeddb/auto";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import { injectFetch } from "./testing/injectFetch";
import { startSimulatedTill } from "./testing/simulatedTill";

// Issue 18 §1: "no number" is null end to end. An electronic invoice the server rejects before
// numbering it comes back in the pull without a number, and can still be edited and resubmitted.
describe("an electronic invoice rejected by the server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it("is pulled back without a number, edited, resubmitted, and numbered by the server", async () => {
    const demo = await server.newCompany();
    const transport = new FetchServerTransport({ fetch: injectFetch(() => server.app) });
    const till = await startSimulatedTill({
      setupTransport: transport,
      transport,
      credentials: { email: demo.cashierEmail, password: demo.password },
      terminalName: "Caja 3", // electronic numbering: the server gives the number
    });
    const [soldOut, replacement] = [demo.productIds[0], demo.productIds[3]] as [string, string];
    const sold = await till.store.saveNewInvoice(till.draft([soldOut]));
    expect(sold.number).toBeNull();

    // Meanwhile the admin deactivates the product: the server refuses the invoice, unnumbered.
    const admin = await transport.login({ email: demo.adminEmail, password: demo.password });
    const patched = await server.app.inject({
      method: "PATCH",
      url: `/api/products/${soldOut}`,
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { active: false },
    });
    expect(patched.statusCode).toBe(200);
    await till.engine.syncNow(); // push (rejected) and pull (the rejected row comes back)
    const [row] = await server.db.query<{ number: unknown; status: string }>(
      "SELECT number, status FROM invoices WHERE company_id = $1 AND id = $2",
      [demo.companyId, sold.id],
    );
    expect(row).toEqual({ number: null, status: "rejected" });
    await till.engine.pullAll();
    const rejected = await till.store.getInvoice(sold.id);
    expect(rejected).toMatchObject({ status: "error", number: null });
    expect(rejected?.document.number).toBeNull();
    expect(rejected?.errors.map((e) => e.code)).toEqual(["PRODUCT_INACTIVE"]);

    // "Editar" → replace the product → "Facturar": a new revision, still without a number of its own.
    await till.store.saveRevision(sold.id, till.draft([replacement]), { newNumber: false });
    const outcome = await till.engine.syncNow();
    expect(outcome.ok).toBe(true);
    const synced = await till.store.getInvoice(sold.id);
    expect(synced).toMatchObject({ status: "synced", errors: [] });
    expect(synced?.document.revision).toBe(2);
    expect(synced?.number).toBeGreaterThanOrEqual(1);
    const [stored] = await server.db.query<{ number: string; status: string; revision: number }>(
      "SELECT number, status, revision FROM invoices WHERE company_id = $1 AND id = $2",
      [demo.companyId, sold.id],
    );
    expect(stored).toMatchObject({ status: "accepted", revision: 2 });
    expect(Number(stored?.number)).toBe(synced?.number);
  });
});
