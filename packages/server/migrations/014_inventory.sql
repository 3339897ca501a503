-- Inventory as a ledger (issue 14). Quantities are integer thousandths (domain/money/quantity),
-- money in minor units.

-- Per product: the minimum stock below which the back office and the till flag it (thousandths),
-- and the unit cost that values the kardex (minor units; null: no cost set).
ALTER TABLE products ADD COLUMN min_stock bigint CHECK (min_stock >= 0);
ALTER TABLE products ADD COLUMN unit_cost bigint CHECK (unit_cost >= 0);

-- The change version of a warehouse's balances. Taking it locks the row until commit (like
-- change_counters), so balance versions become visible in order and the till's pull of its
-- warehouse's stock, "version > cursor", never skips one. Only writers of that warehouse's stock
-- queue on it; invoices of tills selling from other warehouses never wait for it.
CREATE TABLE stock_counters (
  company_id uuid NOT NULL REFERENCES companies(id),
  warehouse_id uuid NOT NULL,
  version bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, warehouse_id),
  FOREIGN KEY (company_id, warehouse_id) REFERENCES warehouses (company_id, id) ON DELETE CASCADE
);

-- Every movement of stock (the kardex). The unique key makes a movement written twice for the
-- same document line impossible: a retried push, credit note or void moves stock once.
CREATE TABLE stock_movements (
  company_id uuid NOT NULL REFERENCES companies(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  product_id uuid NOT NULL,
  warehouse_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sale', 'return', 'void', 'adjustment', 'transfer_in', 'transfer_out', 'initial')),
  -- Signed, in thousandths: sales and transfers out are negative.
  quantity bigint NOT NULL,
  -- The invoice (sale, void), credit note (return), adjustment or transfer that moved it.
  document_id uuid NOT NULL,
  -- The document's line (an invoice's or credit note's line index, an adjustment's row).
  line_index integer NOT NULL,
  -- The product's unit cost when it moved (minor units), for the kardex's value.
  unit_cost bigint,
  reason text,
  user_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  -- A product can be deleted only when no invoice names it (the catalog's IN_USE check), so what
  -- goes with it is its initial count, adjustments and transfers.
  FOREIGN KEY (company_id, product_id) REFERENCES products (company_id, id) ON DELETE CASCADE,
  FOREIGN KEY (company_id, warehouse_id) REFERENCES warehouses (company_id, id)
);
CREATE UNIQUE INDEX stock_movements_once ON stock_movements (company_id, document_id, kind, line_index);
CREATE INDEX stock_movements_product ON stock_movements (company_id, product_id, warehouse_id, id);

-- The current stock per product and warehouse: the sum of its movements, updated in the same
-- statement as they are written (quantity = quantity + delta, never read and written back).
CREATE TABLE stock_balances (
  company_id uuid NOT NULL REFERENCES companies(id),
  warehouse_id uuid NOT NULL,
  product_id uuid NOT NULL,
  quantity bigint NOT NULL,
  -- From stock_counters of the warehouse.
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, warehouse_id, product_id),
  FOREIGN KEY (company_id, product_id) REFERENCES products (company_id, id) ON DELETE CASCADE,
  FOREIGN KEY (company_id, warehouse_id) REFERENCES warehouses (company_id, id)
);
CREATE INDEX stock_balances_version ON stock_balances (company_id, warehouse_id, version);
CREATE INDEX stock_balances_product ON stock_balances (company_id, product_id);

-- "Block selling at zero stock": a warning at the till only (the server never refuses a sale).
ALTER TABLE companies ADD COLUMN block_sale_at_zero_stock boolean NOT NULL DEFAULT false;

-- products.stock never moved: what it held for tracked products becomes their initial balance
-- (an 'initial' movement each), and the column is emptied (no longer read or written).
WITH src AS (
  SELECT p.company_id, p.id AS product_id, (e.key)::uuid AS warehouse_id,
         round((e.value)::numeric * 1000)::bigint AS quantity,
         row_number() OVER (PARTITION BY p.company_id, e.key ORDER BY p.id) AS rn
    FROM products p, jsonb_each_text(p.stock) e
   WHERE p.track_stock AND e.value ~ '^-?[0-9]+(\.[0-9]+)?$'
     AND EXISTS (SELECT 1 FROM warehouses w WHERE w.company_id = p.company_id AND w.id::text = e.key)
), mv AS (
  INSERT INTO stock_movements (company_id, product_id, warehouse_id, kind, quantity, document_id, line_index, reason)
  SELECT company_id, product_id, warehouse_id, 'initial', quantity, gen_random_uuid(), 0, 'products.stock (migration 014)'
    FROM src
), bal AS (
  INSERT INTO stock_balances (company_id, warehouse_id, product_id, quantity, version)
  SELECT company_id, warehouse_id, product_id, quantity, rn FROM src
)
INSERT INTO stock_counters (company_id, warehouse_id, version)
SELECT company_id, warehouse_id, max(rn) FROM src GROUP BY company_id, warehouse_id;
UPDATE products SET stock = '{}' WHERE stock <> '{}';
