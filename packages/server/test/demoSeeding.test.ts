import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoSeedWanted, startRuntime } from "../src/app/serverRuntime";
import { freePort } from "../src/testing/freePort";
import { type ServerProcess, startServerProcess } from "../src/testing/serverProcess";

/** The start-up lines are printed right after listening: wait until they arrived through the pipe. */
async function startupOutput(server: ServerProcess) {
  for (let i = 0; i < 100 && !/Database: [^\n]*\n[\s\S]*\n/.test(server.output()); i++)
    await new Promise((r) => setTimeout(r, 50));
  return server.output();
}

describe("the demo company is never created by accident", () => {
  it("is wanted on the embedded database or with SEED_DEMO=1, never by default on a DATABASE_URL", () => {
    const url = "postgres://u@h:5432/prod";
    expect(demoSeedWanted({})).toBe(true);
    expect(demoSeedWanted({ SEED_DEMO: "" })).toBe(true);
    expect(demoSeedWanted({ SEED_DEMO: "0" })).toBe(false);
    expect(demoSeedWanted({ DATABASE_URL: url })).toBe(false);
    expect(demoSeedWanted({ DATABASE_URL: url, SEED_DEMO: "1" })).toBe(true);
    expect(demoSeedWanted({ DATABASE_URL: url, SEED_DEMO: "true" })).toBe(true);
    expect(() => demoSeedWanted({ DATABASE_URL: url, SEED_DEMO: "yes" })).toThrow(/SEED_DEMO must be 1 or 0/);
  });

  it("the embedded database (PGlite) still gets the demo; without it the runtime reports no company", async () => {
    const seeded = await startRuntime({ dataDir: null, seedDemo: demoSeedWanted({}), webDist: null });
    try {
      expect(seeded.demo?.adminEmail).toBe("admin@ejemplar.co");
      expect(seeded.companies).toBe(1);
    } finally {
      await seeded.app.close();
    }
    const empty = await startRuntime({ dataDir: null, seedDemo: demoSeedWanted({ SEED_DEMO: "0" }), webDist: null });
    try {
      expect(empty.demo).toBeNull();
      expect(empty.companies).toBe(0);
    } finally {
      await empty.app.close();
    }
  }, 60_000);

  it("npm start's entry on the embedded default seeds the demo and prints its logins", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mostrador-demo-"));
    const server = await startServerProcess({
      port: await freePort(),
      dataDir,
      webDist: false,
      env: { SEED_DEMO: "" },
    });
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@ejemplar.co", password: "ejemplar2026" }),
      });
      expect(login.status).toBe(200);
      const output = await startupOutput(server);
      expect(output).toContain("demo company 'Empresa Ejemplar S.A.S.' created");
      expect(output).toContain("Demo logins");
      expect(output).not.toContain("company:create");

      // A later start on the same data: the company exists, so no password is printed.
      await server.kill();
      const before = server.output().length;
      await server.start();
      for (let i = 0; i < 100 && !server.output().slice(before).includes("Database:"); i++)
        await new Promise((r) => setTimeout(r, 50));
      const again = server.output().slice(before);
      expect(again).toContain("Database: embedded PGlite");
      expect(again).not.toContain("created");
      expect(again).not.toContain("ejemplar2026");
    } finally {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("every demo client keeps its own fields (email, phone, address), whatever the first row has", async () => {
    const runtime = await startRuntime({ dataDir: null, seedDemo: true, webDist: null });
    try {
      const login = await runtime.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "admin@ejemplar.co", password: "ejemplar2026" },
      });
      const token = login.json().token as string;
      const list = await runtime.app.inject({
        method: "GET",
        url: "/api/clients?q=Pedro",
        headers: { authorization: `Bearer ${token}` },
      });
      const pedro = (list.json().items as Array<Record<string, unknown>>).find((c) => c.name === "Pedro Osorio");
      expect(pedro).toMatchObject({
        email: "pedro.osorio@example.com",
        phone: "300 123 4567",
        address: "Calle 10 # 20-30, Medellín",
      });
    } finally {
      await runtime.app.close();
    }
  }, 60_000);
});
