import { resolve } from "node:path";
import { repoRoot } from "../app/serverPaths";
import { migrate } from "../db/migrator";
import { openDatabase } from "../db/openDatabase";
import { createCompanyCommand, parseCompanyArgs } from "./createCompanyCommand";

// npm run company:create -- --name "…" --email … [--password …] [--nit …]: the first company of a real installation.
const args = parseCompanyArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(args.message);
  process.exit(args.exitCode);
}
const db = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, "data"),
});
let exitCode = 1;
try {
  await migrate(db);
  const outcome = await createCompanyCommand(db, args);
  for (const line of outcome.lines) (outcome.exitCode === 0 ? console.log : console.error)(line);
  exitCode = outcome.exitCode;
} finally {
  await db.close();
}
process.exit(exitCode);
