-- Every tenant table carries company_id and every primary/unique key starts with it,
-- so the database can be sharded by company (Citus: distribute on company_id).
-- Synced tables carry `version`: the company's change version at the row's last write.

CREATE TABLE companies (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  nit text NOT NULL,
  time_zone text NOT NULL DEFAULT 'America/Bogota',
  currency text NOT NULL DEFAULT 'COP',
  max_offline_age_days integer NOT NULL DEFAULT 7,
  clock_skew_seconds integer NOT NULL DEFAULT 300,
  identified_client_threshold bigint,
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per company: allocating versions locks it, so versions commit in order.
CREATE TABLE change_counters (
  company_id uuid PRIMARY KEY REFERENCES companies(id),
  version bigint NOT NULL DEFAULT 0,
  -- Tombstones below this were pruned: a client cursor under it must reload.
  min_cursor bigint NOT NULL DEFAULT 0
);

CREATE TABLE users (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'cashier')),
  terminal_ids uuid[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, email)
);
CREATE INDEX users_email ON users (email);

CREATE TABLE taxes (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('IVA', 'INC', 'EXENTO')),
  rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id)
);

CREATE TABLE categories (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id)
);

CREATE TABLE warehouses (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id)
);

CREATE TABLE payment_methods (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cash', 'debit_card', 'credit_card', 'transfer', 'other')),
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id)
);

CREATE TABLE numberings (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  prefix text NOT NULL,
  range_from bigint NOT NULL,
  range_to bigint NOT NULL,
  -- First number not yet handed out (to a block or an online invoice).
  next_number bigint NOT NULL,
  valid_from date NOT NULL,
  valid_until date NOT NULL,
  electronic boolean NOT NULL DEFAULT false,
  resolution text NOT NULL DEFAULT '',
  block_size integer,
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id),
  CHECK (range_to >= range_from),
  CHECK (next_number BETWEEN range_from AND range_to + 1)
);

CREATE TABLE price_lists (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  prices jsonb NOT NULL DEFAULT '[]',
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id)
);

CREATE TABLE terminals (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  numbering_id uuid NOT NULL,
  warehouse_id uuid NOT NULL,
  price_list_id uuid,
  payment_method_ids uuid[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, numbering_id) REFERENCES numberings (company_id, id),
  FOREIGN KEY (company_id, warehouse_id) REFERENCES warehouses (company_id, id)
);

CREATE TABLE products (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  reference text NOT NULL DEFAULT '',
  barcode text,
  category_id uuid,
  price bigint NOT NULL CHECK (price >= 0),
  price_includes_tax boolean NOT NULL DEFAULT true,
  tax_id uuid NOT NULL,
  active boolean NOT NULL DEFAULT true,
  track_stock boolean NOT NULL DEFAULT false,
  stock jsonb NOT NULL DEFAULT '{}',
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, tax_id) REFERENCES taxes (company_id, id)
);
CREATE INDEX products_barcode ON products (company_id, barcode);

CREATE TABLE clients (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  name text NOT NULL,
  id_type text NOT NULL,
  id_number text NOT NULL,
  email text,
  phone text,
  address text,
  active boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id)
);
CREATE INDEX clients_id_number ON clients (company_id, id_number);

-- Deleted synced rows, so an incremental download can tell the till to drop them.
CREATE TABLE tombstones (
  company_id uuid NOT NULL REFERENCES companies(id),
  entity text NOT NULL,
  id uuid NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, entity, id)
);

CREATE TABLE devices (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  user_id uuid NOT NULL,
  name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  reported_pending integer NOT NULL DEFAULT 0,
  reported_errors integer NOT NULL DEFAULT 0,
  oldest_pending_at timestamptz,
  app_version text,
  schema_version integer,
  active boolean NOT NULL DEFAULT true,
  -- The device's own change counter for its invoices: ingest locks this row, not the company's
  -- counter, so twenty tills uploading at once do not queue behind one lock.
  invoice_version bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, terminal_id) REFERENCES terminals (company_id, id)
);

-- Bearer tokens are random; only their SHA-256 is stored.
CREATE TABLE auth_tokens (
  company_id uuid NOT NULL REFERENCES companies(id),
  token_hash text NOT NULL,
  user_id uuid NOT NULL,
  device_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (company_id, token_hash)
);

-- A run of consecutive numbers leased to one device: offline invoices take numbers from it.
-- Blocks never overlap because they are cut from numberings.next_number under its row lock.
CREATE TABLE number_blocks (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  numbering_id uuid NOT NULL,
  device_id uuid NOT NULL,
  range_from bigint NOT NULL,
  range_to bigint NOT NULL,
  leased_at timestamptz NOT NULL DEFAULT now(),
  -- Numbers from released_from to range_to were given back unused (audited, never reused).
  released_from bigint,
  released_at timestamptz,
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id),
  CHECK (range_to >= range_from)
);
CREATE INDEX number_blocks_device ON number_blocks (company_id, device_id, numbering_id);
CREATE INDEX number_blocks_version ON number_blocks (company_id, version);

CREATE TABLE invoices (
  company_id uuid NOT NULL REFERENCES companies(id),
  -- Made on the device (UUIDv7): the idempotency key. The primary key makes a second copy impossible.
  id uuid NOT NULL,
  revision integer NOT NULL,
  status text NOT NULL CHECK (status IN ('accepted', 'rejected', 'voided')),
  numbering_id uuid NOT NULL,
  prefix text NOT NULL,
  number bigint NOT NULL,
  terminal_id uuid NOT NULL,
  device_id uuid NOT NULL,
  cashier_id uuid NOT NULL,
  client_id uuid NOT NULL,
  issued_at timestamptz NOT NULL,
  subtotal bigint NOT NULL,
  discount bigint NOT NULL,
  tax bigint NOT NULL,
  total bigint NOT NULL,
  paid bigint NOT NULL,
  change bigint NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  void_reason text,
  -- false only for an invoice voided while in error because of its number: it never held that number.
  claims_number boolean NOT NULL DEFAULT true,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- From devices.invoice_version of the invoice's device (not the company counter).
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id)
);
-- A number is never used twice: the database refuses a second accepted invoice with it.
CREATE UNIQUE INDEX invoices_number_once ON invoices (company_id, numbering_id, number)
  WHERE status IN ('accepted', 'voided') AND claims_number;
CREATE INDEX invoices_issued ON invoices (company_id, issued_at DESC);
CREATE INDEX invoices_device_version ON invoices (company_id, device_id, version);

-- Every revision a device sent (the invoice's document lives here), and every upload attempt with its outcome.
CREATE TABLE invoice_revisions (
  company_id uuid NOT NULL REFERENCES companies(id),
  invoice_id uuid NOT NULL,
  revision integer NOT NULL,
  document jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  user_id uuid NOT NULL,
  device_id uuid NOT NULL,
  PRIMARY KEY (company_id, invoice_id, revision)
);

CREATE TABLE invoice_attempts (
  company_id uuid NOT NULL REFERENCES companies(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  invoice_id uuid NOT NULL,
  revision integer NOT NULL,
  outcome text NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid NOT NULL,
  device_id uuid NOT NULL,
  PRIMARY KEY (company_id, id)
);
CREATE INDEX invoice_attempts_invoice ON invoice_attempts (company_id, invoice_id);

CREATE INDEX taxes_version ON taxes (company_id, version);
CREATE INDEX categories_version ON categories (company_id, version);
CREATE INDEX warehouses_version ON warehouses (company_id, version);
CREATE INDEX payment_methods_version ON payment_methods (company_id, version);
CREATE INDEX numberings_version ON numberings (company_id, version);
CREATE INDEX price_lists_version ON price_lists (company_id, version);
CREATE INDEX terminals_version ON terminals (company_id, version);
CREATE INDEX products_version ON products (company_id, version);
CREATE INDEX clients_version ON clients (company_id, version);
CREATE INDEX tombstones_version ON tombstones (company_id, version);
