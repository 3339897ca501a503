import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "../src/db/migrator";
import { openDatabase } from "../src/db/openDatabase";

const dir = join(import.meta.dirname, "../migrations");

/**
 * Migration 008 adds unique keys (a product's barcode, a client's id type and number) to tables
 * that may already repeat them. It must apply anyway, keep every row, and mark the later copies.
 * Runs on an embedded PGlite of its own (the shared test database is already migrated).
 */
describe("migration 008 on data that already repeats the new unique keys", () => {
  it("keeps every row, marks the later copies legacy_duplicate, and the indexes refuse new duplicates", async () => {
    const db = await openDatabase({ dataDir: null });
    try {
      await db.exec(
        "CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      for (const file of readdirSync(dir)
        .filter((f) => /^00[1-7]_.+\.sql$/.test(f))
        .sort()) {
        await db.exec(readFileSync(join(dir, file), "utf8"));
        await db.query("INSERT INTO schema_migrations (name) VALUES ($1)", [file]);
      }
      const company = randomUUID();
      const tax = randomUUID();
      await db.query("INSERT INTO companies (id, name, nit) VALUES ($1, 'Vieja', '900123456-8')", [company]);
      await db.query(
        "INSERT INTO taxes (company_id, id, name, kind, rate_bp, version) VALUES ($1, $2, 'IVA', 'IVA', 1900, 1)",
        [company, tax],
      );
      const product = (version: number, barcode: string | null) =>
        db.query(
          "INSERT INTO products (company_id, id, name, barcode, price, tax_id, version) VALUES ($1, $2, 'P', $3, 100, $4, $5) RETURNING id",
          [company, randomUUID(), barcode, tax, version],
        );
      const client = (version: number, idNumber: string) =>
        db.query(
          "INSERT INTO clients (company_id, id, name, id_type, id_number, version) VALUES ($1, $2, 'C', 'CC', $3, $4) RETURNING id",
          [company, randomUUID(), idNumber, version],
        );
      const firstProduct = (await product(2, "770A"))[0]?.id;
      await product(3, "770A");
      await product(4, "770A");
      await product(5, null);
      await product(6, null);
      await product(7, "");
      await product(8, "");
      const firstClient = (await client(9, "123"))[0]?.id;
      await client(10, "123");
      await client(11, "456");

      expect((await migrate(db))[0]).toBe("008_back_office.sql"); // then the later ones

      const marked = await db.query<{ id: string; legacy_duplicate: boolean; barcode: string | null }>(
        "SELECT id, barcode, legacy_duplicate FROM products ORDER BY version",
      );
      expect(marked).toHaveLength(7);
      expect(marked.map((p) => p.legacy_duplicate)).toEqual([false, true, true, false, false, false, false]);
      expect(marked[0]?.id).toBe(firstProduct);
      const clients = await db.query<{ id: string; legacy_duplicate: boolean }>(
        "SELECT id, legacy_duplicate FROM clients ORDER BY version",
      );
      expect(clients.map((c) => c.legacy_duplicate)).toEqual([false, true, false]);
      expect(clients[0]?.id).toBe(firstClient);
      // From now on the database itself refuses a new copy.
      await expect(product(20, "770A")).rejects.toMatchObject({ code: "23505" });
      await expect(client(21, "456")).rejects.toMatchObject({ code: "23505" });
    } finally {
      await db.close();
    }
  });
});
