import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Database } from "../db/database";
import { migrate } from "../db/migrator";
import { openDatabase } from "../db/openDatabase";
import { type DemoCompany, seedDemoCompany } from "../demo/demoCompanySeeder";
import { loadSecretKey } from "../features/dianCertificate/secretBox";
import { rebuildSalesSummaries, SUMMARY_MIGRATION } from "../features/reports/summaryRebuilder";
import { type AppOptions, buildApp } from "./buildApp";

export interface RuntimeOptions {
  databaseUrl?: string;
  /** PGlite data folder; null = in memory (tests). */
  dataDir?: string | null;
  seedDemo?: boolean;
  logger?: AppOptions["logger"];
  webDist?: string | null;
  /** Tests: every response is checked against its documented schema. */
  checkResponses?: boolean;
  leaseRateLimit?: AppOptions["leaseRateLimit"];
  /** Tests: a fixed key instead of MOSTRADOR_SECRET_KEY / the data folder's. */
  secretKey?: Uint8Array;
  /** Sending to the DIAN from this process (main: dianSendingFromEnv); absent: off. */
  dianSending?: AppOptions["dianSending"];
}

export interface Runtime {
  app: FastifyInstance;
  db: Database;
  demo: DemoCompany | null;
  /** Companies in the database once started: 0 means the first one is still to be created. */
  companies: number;
}

/**
 * The demo company has published logins: it is for trying Mostrador on the embedded database, or when
 * SEED_DEMO=1 asks for it — never created by accident in a real PostgreSQL given by DATABASE_URL.
 */
export function demoSeedWanted(env: { DATABASE_URL?: string; SEED_DEMO?: string }): boolean {
  const flag = (env.SEED_DEMO ?? "").trim().toLowerCase();
  if (flag === "1" || flag === "true") return true;
  if (flag === "0" || flag === "false") return false;
  if (flag !== "") throw new Error(`SEED_DEMO must be 1 or 0, not "${env.SEED_DEMO}"`);
  return !env.DATABASE_URL;
}

/** Opens the database, migrates, seeds the demo company into an empty database when asked, builds the app. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir === undefined ? resolve("data") : options.dataDir,
  });
  const applied = await migrate(db);
  if (applied.includes(SUMMARY_MIGRATION)) await rebuildSalesSummaries(db);
  let demo: DemoCompany | null = null;
  const countCompanies = async () =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM companies"))[0]?.n ?? 0;
  let companies = await countCompanies();
  if (options.seedDemo && companies === 0) {
    demo = await seedDemoCompany(db);
    companies = await countCompanies();
  }
  const app = await buildApp({
    db,
    // MOSTRADOR_SECRET_KEY, or the data folder's secret.key (created on first start).
    secretKey:
      options.secretKey ??
      loadSecretKey({
        envValue: process.env.MOSTRADOR_SECRET_KEY,
        dataDir: options.dataDir === undefined ? resolve("data") : options.dataDir,
      }),
    logger: options.logger,
    webDist: options.webDist,
    checkResponses: options.checkResponses,
    leaseRateLimit: options.leaseRateLimit,
    dianSending: options.dianSending,
  });
  app.addHook("onClose", async () => db.close());
  return { app, db, demo, companies };
}
