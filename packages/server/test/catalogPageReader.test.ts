import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { catalogResources } from "../src/features/catalog/resourceDefinitions";
import { presentRow } from "../src/features/catalog/resourceStore";
import { presentedColumns, readCatalogPage } from "../src/features/sync/catalogPageReader";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();
const synced = catalogResources.filter((d) => d.entity !== null);
// The pull's own placeholders: $1 company, $2 cursor, $3 limit, $4 head.
const everything = "company_id = $1 AND version > $2 AND version <= $4";

/** Every catalog table's rows, read the page reader's way and the `SELECT *` + presentRow way. */
async function bothWays(companyId: string) {
  return Promise.all(
    synced.map(async (def) => {
      const params = [companyId, 0, 1_000_000, Number.MAX_SAFE_INTEGER];
      const page = await readCatalogPage(server.db, def, everything, params);
      const whole = await server.db.query(
        `SELECT * FROM ${def.table} WHERE ${everything} ORDER BY version LIMIT $3`,
        params,
      );
      return { def, page, expected: whole.map((r) => presentRow(def, r)) };
    }),
  );
}

describe("catalogPageReader", () => {
  it("reads only the presented columns, never a hidden one", () => {
    for (const def of synced) {
      const columns = presentedColumns(def);
      expect(columns[0]).toBe("id");
      expect(columns.at(-1)).toBe("version");
      expect(columns).not.toContain("company_id");
      expect(columns).not.toContain("search_text");
    }
    const users = catalogResources.find((d) => d.table === "users");
    if (users) expect(presentedColumns(users)).not.toContain("password_hash");
  });

  it("presents every synced catalog table exactly as presentRow does (seeded shop)", async () => {
    const shop = await server.newCompany();
    // The demo shop has no price list: one with prices, so that every synced table has a row.
    await server.db.query(
      `INSERT INTO price_lists (company_id, id, name, prices, active, version)
       VALUES ($1, gen_random_uuid(), 'Mayorista', $2, false, 1000000000)`,
      [shop.companyId, JSON.stringify([{ productId: shop.categoryIds[0], price: 1234 }])],
    );
    for (const { def, page, expected } of await bothWays(shop.companyId)) {
      expect(page.length, def.table).toBeGreaterThan(0);
      expect(page, def.table).toStrictEqual(expected);
      // Same key order too: the JSON text the till receives is the same byte for byte.
      expect(JSON.stringify(page), def.table).toBe(JSON.stringify(expected));
    }
  });

  it("presents products and clients as presentRow does for any values (nulls, numbers, booleans, JSON)", async () => {
    const shop = await server.newCompany();
    const [product] = await server.db.query<{ id: string }>(
      "SELECT id FROM products WHERE company_id = $1 ORDER BY version LIMIT 1",
      [shop.companyId],
    );
    const [client] = await server.db.query<{ id: string }>(
      "SELECT id FROM clients WHERE company_id = $1 ORDER BY version LIMIT 1",
      [shop.companyId],
    );
    if (!product || !client) throw new Error("the demo shop has no product or client");
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 40 }),
          barcode: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null }),
          price: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          priceIncludesTax: fc.boolean(),
          active: fc.boolean(),
          trackStock: fc.boolean(),
          categoryId: fc.constantFrom(null),
          stock: fc.dictionary(fc.uuid(), fc.integer({ min: -1000, max: 1_000_000 }), { maxKeys: 3 }),
          email: fc.option(fc.string({ maxLength: 30 }), { nil: null }),
        }),
        async (v) => {
          await server.db.query(
            `UPDATE products SET name = $3, barcode = $4, price = $5, price_includes_tax = $6, active = $7,
               track_stock = $8, category_id = $9, stock = $10 WHERE company_id = $1 AND id = $2`,
            [
              shop.companyId,
              product.id,
              v.name,
              v.barcode === null ? null : `${v.barcode}-${product.id}`,
              v.price,
              v.priceIncludesTax,
              v.active,
              v.trackStock,
              v.categoryId,
              JSON.stringify(v.stock),
            ],
          );
          await server.db.query("UPDATE clients SET name = $3, email = $4 WHERE company_id = $1 AND id = $2", [
            shop.companyId,
            client.id,
            v.name,
            v.email,
          ]);
          for (const { def, page, expected } of await bothWays(shop.companyId)) {
            expect(page, def.table).toStrictEqual(expected);
            expect(JSON.stringify(page), def.table).toBe(JSON.stringify(expected));
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
