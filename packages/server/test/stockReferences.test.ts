import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countRows } from "./support/company";
import { useTestServer } from "./support/testServer";

const server = useTestServer();

/**
 * Migration 024 dropped the stock tables' own key to companies: their key to the warehouse, on
 * (company_id, warehouse_id), already refuses a row of an unknown company or another company's
 * warehouse. These rows are what that key must still refuse, on PGlite and on PostgreSQL.
 */
describe("stock rows name an existing warehouse of their own company (migration 024)", () => {
  const movement = (companyId: string, warehouseId: string, productId: string) =>
    server.db.query(
      `INSERT INTO stock_movements (company_id, product_id, warehouse_id, kind, quantity, document_id, line_index)
       VALUES ($1, $2, $3, 'adjustment', 1000, $4, 0)`,
      [companyId, productId, warehouseId, randomUUID()],
    );
  const balance = (companyId: string, warehouseId: string, productId: string) =>
    server.db.query(
      `INSERT INTO stock_balances (company_id, warehouse_id, product_id, quantity, version) VALUES ($1, $2, $3, 0, 0)`,
      [companyId, warehouseId, productId],
    );
  const counter = (companyId: string, warehouseId: string) =>
    server.db.query(
      `INSERT INTO stock_counters (company_id, warehouse_id) VALUES ($1, $2)
       ON CONFLICT (company_id, warehouse_id) DO NOTHING`,
      [companyId, warehouseId],
    );

  it("refuses an unknown company and another company's warehouse, and takes a row of the warehouse's own company", async () => {
    const [a, b] = [await server.newCompany(), await server.newCompany()];
    const unknownCompany = randomUUID();
    const productA = a.productIds[0] as string;

    const warehouseKey = (table: string) => `${table}_company_id_warehouse_id_fkey`;
    // [the write, the key that must refuse it]: a movement or balance of an unknown company names no
    // product of it either, so either of its keys may answer first; the other rows only the warehouse key.
    const refused: [() => Promise<unknown>, RegExp | string][] = [
      [
        () => movement(unknownCompany, a.warehouseId, productA),
        /^stock_movements_company_id_(warehouse|product)_id_fkey$/,
      ],
      [() => movement(a.companyId, b.warehouseId, productA), warehouseKey("stock_movements")],
      [
        () => balance(unknownCompany, a.warehouseId, productA),
        /^stock_balances_company_id_(warehouse|product)_id_fkey$/,
      ],
      [() => balance(a.companyId, b.warehouseId, productA), warehouseKey("stock_balances")],
      [() => counter(unknownCompany, a.warehouseId), warehouseKey("stock_counters")],
      [() => counter(a.companyId, b.warehouseId), warehouseKey("stock_counters")],
    ];
    for (const [write, key] of refused) {
      const error = await write().then(
        () => null,
        (e: unknown) => e as { code?: string; constraint?: string },
      );
      expect(error?.code).toBe("23503");
      if (typeof key === "string") expect(error?.constraint).toBe(key);
      else expect(error?.constraint).toMatch(key);
    }

    expect(await countRows(server, "stock_movements", unknownCompany)).toBe(0);
    expect(await countRows(server, "stock_balances", unknownCompany)).toBe(0);
    expect(await countRows(server, "stock_counters", unknownCompany)).toBe(0);

    // The control: the same rows with the warehouse's own company are taken.
    const movementsBefore = await countRows(server, "stock_movements", a.companyId);
    await movement(a.companyId, a.warehouseId, productA);
    expect(await countRows(server, "stock_movements", a.companyId)).toBe(movementsBefore + 1);
    // A warehouse of its own, so the counter is a new row (the demo's warehouse may have one already).
    const secondWarehouse = randomUUID();
    await server.db.query("INSERT INTO warehouses (company_id, id, name, version) VALUES ($1, $2, 'Bodega 2', 0)", [
      a.companyId,
      secondWarehouse,
    ]);
    const countersBefore = await countRows(server, "stock_counters", a.companyId);
    await counter(a.companyId, secondWarehouse);
    expect(await countRows(server, "stock_counters", a.companyId)).toBe(countersBefore + 1);
    const withoutBalance = await server.db.query<{ id: string }>(
      `SELECT id FROM products p WHERE company_id = $1
          AND NOT EXISTS (SELECT 1 FROM stock_balances b WHERE b.company_id = p.company_id AND b.product_id = p.id)
        LIMIT 1`,
      [a.companyId],
    );
    const product = withoutBalance[0]?.id as string;
    expect(product).toBeDefined();
    const balancesBefore = await countRows(server, "stock_balances", a.companyId);
    await balance(a.companyId, a.warehouseId, product);
    expect(await countRows(server, "stock_balances", a.companyId)).toBe(balancesBefore + 1);
  });

  it("keeps the warehouse and product keys and has no key of its own to companies", async () => {
    const keys = await server.db.query<{ table: string; definition: string }>(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint
        WHERE contype = 'f' AND conrelid::regclass::text IN ('stock_movements', 'stock_balances', 'stock_counters')
        ORDER BY 1, 2`,
    );
    const of = (table: string) => keys.filter((k) => k.table === table).map((k) => k.definition.replace(/\s+/g, " "));
    expect(of("stock_movements")).toEqual([
      "FOREIGN KEY (company_id, product_id) REFERENCES products(company_id, id) ON DELETE CASCADE",
      "FOREIGN KEY (company_id, warehouse_id) REFERENCES warehouses(company_id, id)",
    ]);
    expect(of("stock_balances")).toEqual([
      "FOREIGN KEY (company_id, product_id) REFERENCES products(company_id, id) ON DELETE CASCADE",
      "FOREIGN KEY (company_id, warehouse_id) REFERENCES warehouses(company_id, id)",
    ]);
    expect(of("stock_counters")).toEqual([
      "FOREIGN KEY (company_id, warehouse_id) REFERENCES warehouses(company_id, id) ON DELETE CASCADE",
    ]);
    // A key with a NULL column is not checked (MATCH SIMPLE): the argument needs both columns NOT NULL.
    const nullable = await server.db.query<{ table: string; column: string }>(
      `SELECT attrelid::regclass::text AS table, attname AS column FROM pg_attribute
        WHERE attrelid IN ('stock_movements'::regclass, 'stock_balances'::regclass, 'stock_counters'::regclass)
          AND attname IN ('company_id', 'warehouse_id') AND NOT attnotnull`,
    );
    expect(nullable).toEqual([]);
    // What makes the warehouse key enough: a warehouse belongs to an existing company.
    const warehouseKeys = await server.db.query<{ definition: string }>(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE contype = 'f' AND conrelid = 'warehouses'::regclass`,
    );
    expect(warehouseKeys.map((k) => k.definition)).toContain("FOREIGN KEY (company_id) REFERENCES companies(id)");
  });
});
