import type { Database } from "./database";
import { openPgliteDatabase } from "./pgliteDatabase";
import { openPostgresDatabase } from "./postgresDatabase";

/** DATABASE_URL → real PostgreSQL; otherwise embedded PGlite in dataDir (or in memory when dataDir is null). */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string | null }): Promise<Database> {
  if (options.databaseUrl) return openPostgresDatabase(options.databaseUrl);
  return openPgliteDatabase(options.dataDir ?? undefined);
}
