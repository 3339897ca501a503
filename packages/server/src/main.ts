import { resolve } from "node:path";
import { logLevel } from "./app/httpHygiene";
import { repoRoot } from "./app/serverPaths";
import { demoSeedWanted, startRuntime } from "./app/serverRuntime";
import { dianSendingFromEnv } from "./features/electronicDocument/electronicDocumentDispatcher";

// Data lives in the repository's ./data unless DATA_DIR says otherwise.
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, "data");

const seedDemo = demoSeedWanted(process.env);
const { app, demo, companies } = await startRuntime({
  databaseUrl,
  dataDir,
  seedDemo,
  // Structured JSON logs (pino) by default; LOG_LEVEL=warn (or error, debug, silent…) changes it.
  logger: logLevel(process.env.LOG_LEVEL),
  ...(process.env.SERVE_WEB === "0" ? { webDist: null } : {}),
  // Electronic documents go to the DIAN after each push and every DIAN_SEND_INTERVAL_SECONDS.
  dianSending: dianSendingFromEnv(process.env),
});
await app.listen({ port, host });

const where = databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${dataDir}`;
console.log(`Mostrador is running at http://${host}:${port}  (API docs: http://${host}:${port}/api/docs)`);
console.log(`Database: ${where}${demo ? " — demo company 'Empresa Ejemplar S.A.S.' created" : ""}`);
if (companies === 0) {
  const env = databaseUrl ? "DATABASE_URL=… " : "";
  console.log(
    [
      "The database has no company yet. Create the first company and its admin (stop this server first on the embedded database):",
      `  ${env}npm run company:create -- --name "Mi Tienda S.A.S." --email admin@mitienda.co [--password …] [--nit 900123456-8]`,
      "Without --password a strong one is generated and printed. (SEED_DEMO=1 creates the demo company instead: its logins are public, never use it in production.)",
    ].join("\n"),
  );
} else if (demo) {
  // Only when the demo company has just been created: a later start must not print a password that may be changed.
  console.log("Demo logins (password ejemplar2026):  admin@ejemplar.co (admin)   caja@ejemplar.co (cashier)");
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
