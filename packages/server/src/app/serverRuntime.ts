import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Database } from "../db/database";
import { migrate } from "../db/migrator";
import { openDatabase } from "../db/openDatabase";
import { type DemoCompany, seedDemoCompany } from "../demo/demoCompanySeeder";
import { type AppOptions, buildApp } from "./buildApp";

export interface RuntimeOptions {
  databaseUrl?: string;
  /** PGlite data folder; null = in memory (tests). */
  dataDir?: string | null;
  seedDemo?: boolean;
  logger?: boolean;
  webDist?: string | null;
  leaseRateLimit?: AppOptions["leaseRateLimit"];
}

export interface Runtime {
  app: FastifyInstance;
  db: Database;
  demo: DemoCompany | null;
}

/** Opens the database, migrates, seeds the demo company into an empty database, builds the app. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir === undefined ? resolve("data") : options.dataDir,
  });
  await migrate(db);
  let demo: DemoCompany | null = null;
  if (options.seedDemo) {
    const existing = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM companies");
    if ((existing[0]?.n ?? 0) === 0) demo = await seedDemoCompany(db);
  }
  const app = await buildApp({
    db,
    logger: options.logger,
    webDist: options.webDist,
    leaseRateLimit: options.leaseRateLimit,
  });
  app.addHook("onClose", async () => db.close());
  return { app, db, demo };
}
