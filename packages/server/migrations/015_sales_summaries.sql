-- Sales summaries for the back office's reports (issue 15), kept in the same transaction as the
-- documents they count (invoices, credit notes, voids): a month's dashboard reads thousands of
-- summary rows instead of a million invoices. Days and hours are the shop's, resolved with the
-- company's time zone when the document was stored. Every event only adds to its own columns
-- (a void adds to the void_* columns of the invoice's own day): figures are sums of columns.

-- Per local day and hour × terminal × cashier.
CREATE TABLE sales_summary (
  company_id uuid NOT NULL REFERENCES companies(id),
  local_date date NOT NULL,
  local_hour smallint NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
  terminal_id uuid NOT NULL,
  cashier_id uuid NOT NULL,
  invoice_count integer NOT NULL DEFAULT 0,
  subtotal bigint NOT NULL DEFAULT 0,
  discount bigint NOT NULL DEFAULT 0,
  tax bigint NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0,
  void_count integer NOT NULL DEFAULT 0,
  void_subtotal bigint NOT NULL DEFAULT 0,
  void_discount bigint NOT NULL DEFAULT 0,
  void_tax bigint NOT NULL DEFAULT 0,
  void_total bigint NOT NULL DEFAULT 0,
  return_count integer NOT NULL DEFAULT 0,
  -- Credit notes: before tax (after discount), tax, total.
  return_base bigint NOT NULL DEFAULT 0,
  return_tax bigint NOT NULL DEFAULT 0,
  return_total bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, local_date, local_hour, terminal_id, cashier_id)
);

-- Per local day × terminal × cashier × payment method: received (cash less change), voided, refunded.
CREATE TABLE sales_payment_summary (
  company_id uuid NOT NULL REFERENCES companies(id),
  local_date date NOT NULL,
  terminal_id uuid NOT NULL,
  cashier_id uuid NOT NULL,
  payment_method_id uuid NOT NULL,
  received bigint NOT NULL DEFAULT 0,
  voided bigint NOT NULL DEFAULT 0,
  refunded bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, local_date, terminal_id, cashier_id, payment_method_id)
);

-- Per local day × terminal × product. Quantities in thousandths (the invoices' three decimals).
CREATE TABLE sales_product_summary (
  company_id uuid NOT NULL REFERENCES companies(id),
  local_date date NOT NULL,
  terminal_id uuid NOT NULL,
  product_id uuid NOT NULL,
  description text NOT NULL,
  quantity_milli bigint NOT NULL DEFAULT 0,
  base bigint NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0,
  void_quantity_milli bigint NOT NULL DEFAULT 0,
  void_base bigint NOT NULL DEFAULT 0,
  void_total bigint NOT NULL DEFAULT 0,
  returned_quantity_milli bigint NOT NULL DEFAULT 0,
  returned_base bigint NOT NULL DEFAULT 0,
  returned_total bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, local_date, terminal_id, product_id)
);

-- Per local day × terminal × tax rate (kind, rate and name: "Exento" and "Excluido" stay apart).
CREATE TABLE sales_tax_summary (
  company_id uuid NOT NULL REFERENCES companies(id),
  local_date date NOT NULL,
  terminal_id uuid NOT NULL,
  tax_kind text NOT NULL,
  rate_bp integer NOT NULL,
  tax_name text NOT NULL,
  base bigint NOT NULL DEFAULT 0,
  tax bigint NOT NULL DEFAULT 0,
  void_base bigint NOT NULL DEFAULT 0,
  void_tax bigint NOT NULL DEFAULT 0,
  returned_base bigint NOT NULL DEFAULT 0,
  returned_tax bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, local_date, terminal_id, tax_kind, rate_bp, tax_name)
);

-- "Ventas" filters by cashier and client within a period.
CREATE INDEX invoices_cashier_issued ON invoices (company_id, cashier_id, issued_at DESC);
CREATE INDEX invoices_client_issued ON invoices (company_id, client_id, issued_at DESC);
