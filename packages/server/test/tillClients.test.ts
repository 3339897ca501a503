import { uuidv7 } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { countRows, newShop, openTill, type Shop, schemaHeader, type Till } from "./support/company";
import type { Json } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const luzMarina = (overrides: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  name: "Luz Marina Cárdenas",
  idType: "CC",
  idNumber: `52${Math.floor(Math.random() * 1e8)}`,
  email: "luz.marina@example.co",
  phone: "300 555 1234",
  address: "Calle 45 # 12-30, Bogotá",
  active: true,
  ...overrides,
});

async function pushClients(shop: Shop, till: Till, clients: unknown[], invoices: unknown[] = []) {
  const res = await shop.http.post(
    "/api/sync/push",
    { clients, invoices },
    { token: till.token, headers: schemaHeader },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.clientResults).toHaveLength(clients.length);
  return res.body as { clientResults: Json[]; results: Json[] };
}

describe("clients made at the till in POST /api/sync/push (`clients` → `clientResults`)", () => {
  it("a client is written once: accepted, then a duplicate; the back office and the pull have it", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const client = luzMarina();
    const before = await countRows(server, "clients", shop.demo.companyId);
    const first = await pushClients(shop, till, [client]);
    expect(first.clientResults).toEqual([{ outcome: "accepted", id: client.id, duplicate: false }]);
    const again = await pushClients(shop, till, [client, client]);
    expect(again.clientResults).toEqual([
      { outcome: "accepted", id: client.id, duplicate: true },
      { outcome: "accepted", id: client.id, duplicate: true },
    ]);
    expect(await countRows(server, "clients", shop.demo.companyId)).toBe(before + 1);
    const stored = await shop.http.get(`/api/clients/${client.id}`, { token: shop.admin });
    expect(stored.body).toMatchObject({ name: "Luz Marina Cárdenas", phone: "300 555 1234", active: true });
    const pull = await till.pull("cursor=0&invoiceCursor=0&limit=5000");
    expect((pull.body.changes as Json[]).some((c) => c.entity === "clients" && c.id === client.id)).toBe(true);
  });

  it("written before the invoices of the same request: an invoice naming it (without newClient) is accepted", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const client = luzMarina();
    const { clientResults, results } = await pushClients(shop, till, [client], [till.invoice({ clientId: client.id })]);
    expect(clientResults[0]).toMatchObject({ outcome: "accepted", duplicate: false });
    expect(results[0].outcome, JSON.stringify(results[0])).toBe("accepted");
  });

  it("a malformed client is rejected alone, with the field and the reason; the others are written", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const good = luzMarina();
    const badNumber = luzMarina({ idNumber: "x" });
    const noName = { ...luzMarina(), name: undefined };
    const { clientResults } = await pushClients(shop, till, [badNumber, good, noName, "not a client"]);
    expect(clientResults[1]).toEqual({ outcome: "accepted", id: good.id, duplicate: false });
    expect(clientResults[0]).toMatchObject({
      outcome: "rejected",
      id: badNumber.id,
      errors: [{ code: "CLIENT_INVALID", field: "idNumber" }],
    });
    expect(clientResults[0].errors[0].messageEs).toMatch(/^El cliente está mal formado: idNumber/);
    expect(clientResults[2]).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "CLIENT_INVALID", field: "name" }],
    });
    expect(clientResults[3]).toMatchObject({ outcome: "rejected", id: "", errors: [{ code: "CLIENT_INVALID" }] });
    const stored = await server.db.query("SELECT id FROM clients WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      shop.demo.companyId,
      [badNumber.id, good.id, noName.id],
    ]);
    expect(stored.map((r) => r.id)).toEqual([good.id]);
  });

  it("the same customer made at two tills: one row; the second is answered with the client that holds the id", async () => {
    const shop = await newShop(server);
    const one = await openTill(shop);
    const two = await openTill(shop, { terminal: "caja2" });
    const atOne = luzMarina();
    const atTwo = { ...luzMarina(), idNumber: atOne.idNumber };
    await pushClients(shop, one, [atOne]);
    const { clientResults } = await pushClients(shop, two, [atTwo]);
    expect(clientResults[0]).toEqual({ outcome: "accepted", id: atTwo.id, duplicate: true, sameAs: atOne.id });
  });

  it("a push without `clients` has no `clientResults`", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const res = await till.push([]);
    expect(res.status).toBe(200);
    expect(res.body.clientResults).toBeUndefined();
  });
});
