import { resolve } from "node:path";
import { logLevel } from "./app/httpHygiene";
import { startRuntime } from "./app/serverRuntime";

// npm start runs from packages/server; data lives in the repository's ./data unless DATA_DIR says otherwise.
const repoRoot = resolve(import.meta.dirname ?? ".", "../../..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, "data");

const { app, demo } = await startRuntime({
  databaseUrl,
  dataDir,
  seedDemo: process.env.SEED_DEMO !== "0",
  // Structured JSON logs (pino) by default; LOG_LEVEL=warn (or error, debug, silent…) changes it.
  logger: logLevel(process.env.LOG_LEVEL),
  ...(process.env.SERVE_WEB === "0" ? { webDist: null } : {}),
});
await app.listen({ port, host });

const where = databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${dataDir}`;
console.log(`Mostrador is running at http://${host}:${port}  (API docs: http://${host}:${port}/api/docs)`);
console.log(`Database: ${where}${demo ? " — demo company 'Empresa Ejemplar S.A.S.' created" : ""}`);
console.log("Demo logins (password ejemplar2026):  admin@ejemplar.co (admin)   caja@ejemplar.co (cashier)");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
