-- Cash shifts ("turnos", issue 12): opened with a base, cash in and out, closed with a count.

-- Selling needs an open shift on this terminal (the till enforces it; the server only exposes it,
-- since an offline till's invoices are never refused for it). On by default for new terminals.
ALTER TABLE terminals ADD COLUMN requires_shift boolean NOT NULL DEFAULT true;

-- The shift an invoice was sold in (null: a till without shifts, or an older till).
ALTER TABLE invoices ADD COLUMN shift_id uuid;
CREATE INDEX invoices_shift ON invoices (company_id, shift_id) WHERE shift_id IS NOT NULL;

-- The current revision of each shift. Made on the device (UUIDv7): the idempotency key.
CREATE TABLE shifts (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  revision integer NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  terminal_id uuid NOT NULL,
  device_id uuid NOT NULL,
  opened_by uuid NOT NULL,
  opened_at timestamptz NOT NULL,
  opening_float bigint NOT NULL,
  -- Ingresos − retiros of the current revision, so the list computes the expected cash in SQL.
  movements_net bigint NOT NULL,
  closed_at timestamptz,
  closed_by uuid,
  till_expected_cash bigint,
  counted_cash bigint,
  -- From the device's own counter (devices.invoice_version), like invoices: it comes down with them.
  version bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id)
);
-- One open shift per terminal at a time.
CREATE UNIQUE INDEX shifts_one_open ON shifts (company_id, terminal_id) WHERE status = 'open';
CREATE INDEX shifts_opened ON shifts (company_id, opened_at);
CREATE INDEX shifts_device_version ON shifts (company_id, device_id, version);

-- Every revision the server accepted, with the document as sent.
CREATE TABLE shift_revisions (
  company_id uuid NOT NULL REFERENCES companies(id),
  shift_id uuid NOT NULL,
  revision integer NOT NULL,
  document jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  user_id uuid NOT NULL,
  device_id uuid NOT NULL,
  PRIMARY KEY (company_id, shift_id, revision)
);
