import { resolve } from "node:path";
import { repoRoot } from "../app/serverPaths";
import { migrate } from "../db/migrator";
import { openDatabase } from "../db/openDatabase";

const db = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, "data"),
});
const applied = await migrate(db);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
await db.close();
