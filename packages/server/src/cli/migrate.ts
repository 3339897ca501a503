import { resolve } from "node:path";
import { repoRoot } from "../app/serverPaths";
import { migrate } from "../db/migrator";
import { openDatabase } from "../db/openDatabase";
import { rebuildSalesSummaries, SUMMARY_MIGRATION } from "../features/reports/summaryRebuilder";

const db = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, "data"),
});
const applied = await migrate(db);
if (applied.includes(SUMMARY_MIGRATION)) await rebuildSalesSummaries(db);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
await db.close();
