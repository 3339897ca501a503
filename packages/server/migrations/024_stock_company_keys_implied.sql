-- Every stock movement, balance and counter names its warehouse by (company_id, warehouse_id), a
-- foreign key to warehouses (company_id, id), and warehouses.company_id references companies: a row
-- of another or an unknown company is refused by that key alone. Their own key to companies checked
-- the same thing again on every row, and each check is a query with a row lock on the company, run
-- per row: two per invoice with two tracked lines, ≈ 13 µs of PostgreSQL each (docs/benchmarks.md,
-- "Session 16"). What each table refers to is unchanged (test/stockReferences.test.ts).
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_company_id_fkey;
ALTER TABLE stock_balances DROP CONSTRAINT stock_balances_company_id_fkey;
ALTER TABLE stock_counters DROP CONSTRAINT stock_counters_company_id_fkey;
