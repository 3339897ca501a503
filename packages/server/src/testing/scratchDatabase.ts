import type { Database } from "../db/database";
import { openPostgresDatabase } from "../db/postgresDatabase";

/** A fresh PostgreSQL database beside the one `adminUrl` names, for one test file (the *.pg.test.ts files). */
export interface ScratchDatabase {
  db: Database;
  /** Its connection string (for a test's own client, e.g. one that listens to notices). */
  url: string;
  /** Closes `db` and drops the database. */
  drop(): Promise<void>;
}

export async function createScratchDatabase(
  adminUrl: string,
  label: string,
  connections = 1,
): Promise<ScratchDatabase> {
  const admin = await openPostgresDatabase(adminUrl, 1);
  const name = `mostrador_${label}_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgresDatabase(url.toString(), connections);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      // The pool's connections close just after close() resolves: wait for them rather than cut them off.
      for (let i = 0; i < 50; i++) {
        const dropped = await admin.query(`DROP DATABASE IF EXISTS ${name}`).then(
          () => true,
          () => false,
        );
        if (dropped) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin.close();
    },
  };
}
