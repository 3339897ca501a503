import { SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database";
import { migrate } from "../src/db/migrator";
import { openPostgresDatabase } from "../src/db/postgresDatabase";
import { type DemoCompany, seedDemoCompany } from "../src/demo/demoCompanySeeder";
import { freePort } from "../src/testing/freePort";
import { buildInvoice } from "../src/testing/invoiceFactory";
import { type ServerProcess, startServerProcess } from "../src/testing/serverProcess";

// Two server processes on one PostgreSQL: only the database can keep them honest.
const databaseUrl = process.env.TEST_DATABASE_URL;

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      [SCHEMA_VERSION_HEADER]: String(SYNC_SCHEMA_VERSION),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions read the JSON answers field by field
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe.skipIf(!databaseUrl)("two server processes on one PostgreSQL", () => {
  let db: Database;
  let demo: DemoCompany;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await openPostgresDatabase(databaseUrl as string, 4);
    await migrate(db);
    demo = await seedDemoCompany(db, { emailDomain: `mp${Date.now()}.test`, name: "Multiproceso" });
    // One device below leases 300 numbers at once: more than the default limit of two blocks.
    await db.query("UPDATE numberings SET max_unused_per_device = 1000 WHERE company_id = $1 AND id = $2", [
      demo.companyId,
      demo.numberings.pos,
    ]);
    servers = await Promise.all(
      [0, 1].map(async () => startServerProcess({ port: await freePort(), databaseUrl, webDist: false })),
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await db?.close();
  });

  async function device(i: number) {
    const base = servers[i % 2]!.url;
    const login = await call(base, "POST", "/api/auth/login", undefined, {
      email: demo.cashierEmail,
      password: demo.password,
    });
    const terminalId = i % 2 ? demo.terminals.caja2 : demo.terminals.caja1;
    const reg = await call(base, "POST", "/api/devices/register", login.body.token, { terminalId });
    expect(reg.status).toBe(201);
    return { deviceId: reg.body.device.id as string, token: reg.body.deviceToken as string, terminalId };
  }

  it("10 devices leasing blocks in parallel through both processes never get one number twice", async () => {
    const devices = await Promise.all(Array.from({ length: 10 }, (_, i) => device(i)));
    const leases = await Promise.all(
      devices.flatMap((d, i) =>
        [0, 1, 2].map((k) =>
          call(servers[(i + k) % 2]!.url, "POST", "/api/number-blocks/lease", d.token, {
            numberingId: demo.numberings.pos,
            size: 25,
          }),
        ),
      ),
    );
    const blocks = leases.map((l) => {
      expect(l.status).toBe(201);
      return l.body as { rangeFrom: number; rangeTo: number };
    });
    const numbers = blocks.flatMap((b) =>
      Array.from({ length: b.rangeTo - b.rangeFrom + 1 }, (_, k) => b.rangeFrom + k),
    );
    expect(numbers).toHaveLength(30 * 25);
    expect(new Set(numbers).size).toBe(numbers.length);
  }, 60_000);

  it("the same invoices pushed to both processes at once are stored exactly once", async () => {
    const d = await device(0);
    const lease = await call(servers[0]!.url, "POST", "/api/number-blocks/lease", d.token, {
      numberingId: demo.numberings.pos,
      size: 300,
    });
    const from = lease.body.rangeFrom as number;
    const invoices = Array.from({ length: 300 }, (_, k) =>
      buildInvoice(demo, {
        deviceId: d.deviceId,
        terminalId: d.terminalId,
        cashierId: demo.cashierId,
        numberingId: demo.numberings.pos,
        number: from + k,
      }),
    );
    const batches = [0, 100, 200].map((s) => invoices.slice(s, s + 100));
    // Every batch three times on each process, all at once.
    const pushes = await Promise.all(
      [0, 1, 2].flatMap(() =>
        batches.flatMap((invoicesOfBatch) =>
          servers.map((s) => call(s.url, "POST", "/api/sync/push", d.token, { invoices: invoicesOfBatch })),
        ),
      ),
    );
    for (const p of pushes) {
      expect(p.status).toBe(200);
      for (const r of p.body.results) expect(["accepted", "retry"]).toContain(r.outcome);
    }
    // Whatever answered "retry" goes again, as the till would.
    const again = await call(servers[1]!.url, "POST", "/api/sync/push", d.token, { invoices: invoices.slice(0, 100) });
    expect(again.body.results.every((r: { outcome: string }) => r.outcome === "accepted")).toBe(true);
    const rows = await db.query<{ n: number; distinct_numbers: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT number)::int AS distinct_numbers FROM invoices WHERE company_id = $1 AND device_id = $2",
      [demo.companyId, d.deviceId],
    );
    expect(rows[0]).toEqual({ n: 300, distinct_numbers: 300 });
  }, 90_000);

  it("a device revoked through one process is refused by the other once its 5 s token cache lapses", async () => {
    const d = await device(2);
    const pull = (s: ServerProcess) => call(s.url, "GET", "/api/sync/pull?cursor=0&limit=1", d.token);
    expect((await pull(servers[1]!)).status).toBe(200); // now cached in the second process
    const admin = await call(servers[0]!.url, "POST", "/api/auth/login", undefined, {
      email: demo.adminEmail,
      password: demo.password,
    });
    const revoked = await call(servers[0]!.url, "POST", `/api/devices/${d.deviceId}/revoke`, admin.body.token, {});
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    expect((await pull(servers[0]!)).body.error?.code).toBe("DEVICE_REVOKED"); // at once where it was revoked
    let other = await pull(servers[1]!);
    while (other.status === 200 && Date.now() - revokedAt < 15_000) {
      await new Promise((r) => setTimeout(r, 250));
      other = await pull(servers[1]!);
    }
    expect(other.status).toBe(401);
    expect(other.body.error.code).toBe("DEVICE_REVOKED");
    // The bound is the cache's lifetime (5 s), with room for a loaded machine.
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
  }, 60_000);
});
