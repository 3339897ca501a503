import { afterAll, describe, expect, it } from "vitest";
import { createCompanyCommand, parseCompanyArgs } from "../src/cli/createCompanyCommand";
import type { Database } from "../src/db/database";
import { openPostgresDatabase } from "../src/db/postgresDatabase";
import { freePort } from "../src/testing/freePort";
import { type ServerProcess, startServerProcess } from "../src/testing/serverProcess";

// npm start on a real PostgreSQL (DATABASE_URL) with an empty database: no demo unless SEED_DEMO=1.
const databaseUrl = process.env.TEST_DATABASE_URL;

/** A fresh, empty database next to TEST_DATABASE_URL's (that one is shared by the other suites). */
async function freshDatabase(admin: Database, label: string) {
  const name = `mostrador_${label}_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl as string);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** The start-up lines are printed right after listening: wait until they arrived through the pipe. */
async function startupOutput(server: ServerProcess) {
  for (let i = 0; i < 100 && !/Database: [^\n]*\n[\s\S]*\n/.test(server.output()); i++)
    await new Promise((r) => setTimeout(r, 50));
  return server.output();
}

const demoLogin = (base: string) =>
  fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@ejemplar.co", password: "ejemplar2026" }),
  });

describe.skipIf(!databaseUrl)("demo data on a real PostgreSQL", () => {
  let admin: Database;
  const created: string[] = [];
  const servers: ServerProcess[] = [];

  async function start(label: string, env: Record<string, string>) {
    admin ??= await openPostgresDatabase(databaseUrl as string, 1);
    const db = await freshDatabase(admin, label);
    created.push(db.name);
    const server = await startServerProcess({ port: await freePort(), databaseUrl: db.url, webDist: false, env });
    servers.push(server);
    return { server, url: db.url };
  }

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    for (const name of created) await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.close();
  });

  it("an empty DATABASE_URL gets no demo; npm start says how to create the first company, which then signs in", async () => {
    const { server, url } = await start("nodemo", { SEED_DEMO: "" });
    const output = await startupOutput(server);
    expect(output).toContain("The database has no company yet");
    expect(output).toContain('DATABASE_URL=… npm run company:create -- --name "Mi Tienda S.A.S." --email');
    expect(output).not.toContain("Demo logins");
    expect((await demoLogin(server.url)).status).toBe(401);
    const db = await openPostgresDatabase(url, 1);
    try {
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM companies"))[0]?.n).toBe(0);
      const args = parseCompanyArgs([
        "--name",
        "Tienda Real",
        "--email",
        "dueno@tienda.test",
        "--password",
        "Clave-Larga-2026",
      ]);
      if (!args.ok) throw new Error(args.message);
      expect((await createCompanyCommand(db, args)).exitCode).toBe(0);
    } finally {
      await db.close();
    }
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "dueno@tienda.test", password: "Clave-Larga-2026" }),
    });
    expect(login.status).toBe(200);
  }, 90_000);

  it("SEED_DEMO=1 asks for the demo on an empty DATABASE_URL", async () => {
    const { server } = await start("demo", { SEED_DEMO: "1" });
    expect(await startupOutput(server)).toContain("demo company 'Empresa Ejemplar S.A.S.' created");
    expect((await demoLogin(server.url)).status).toBe(200);
  }, 90_000);
});
