import type { FastifyInstance } from "fastify";
import { type RuntimeOptions, startRuntime } from "../app/serverRuntime";
import type { Database } from "../db/database";
import { type DemoCompany, type DemoSeedOptions, seedDemoCompany } from "../demo/demoCompanySeeder";

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  /** http://127.0.0.1:PORT when listen was asked for. */
  url: string;
  /** A fresh company with the demo catalog and unique logins: tests never share one. */
  newCompany(options?: DemoSeedOptions): Promise<DemoCompany>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * The real server for tests: embedded PGlite in memory, or the PostgreSQL database in
 * TEST_DATABASE_URL when set (so the same suite runs on both).
 */
export async function startTestServer(
  options: {
    listen?: boolean;
    port?: number;
    webDist?: string | null;
    leaseRateLimit?: RuntimeOptions["leaseRateLimit"];
    secretKey?: RuntimeOptions["secretKey"];
    /** Off unless asked: tests send with app.electronicDocuments.runNow(). */
    dianSending?: RuntimeOptions["dianSending"];
    /** A PostgreSQL database of the test's own (a scratch database) instead of TEST_DATABASE_URL. */
    databaseUrl?: string;
  } = {},
) {
  const { app, db } = await startRuntime({
    databaseUrl: options.databaseUrl ?? (process.env.TEST_DATABASE_URL || undefined),
    dataDir: null,
    webDist: options.webDist ?? null,
    checkResponses: true,
    leaseRateLimit: options.leaseRateLimit,
    secretKey: options.secretKey,
    dianSending: options.dianSending,
  });
  let url = "";
  if (options.listen) {
    await app.listen({ port: options.port ?? 0, host: "127.0.0.1" });
    const address = app.server.address();
    url = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
  } else {
    await app.ready();
  }
  const server: TestServer = {
    app,
    db,
    url,
    newCompany: (o = {}) =>
      seedDemoCompany(db, {
        emailDomain: `t${process.pid}-${Date.now()}-${++counter}.test`,
        name: `Empresa de prueba ${counter}`,
        ...o,
      }),
    close: () => app.close(),
  };
  return server;
}
