-- Returns as credit notes ("notas crédito") and voids of synced invoices (issue 13).

-- A numbering is for invoices or for credit notes ("NC"); a terminal names one of each.
ALTER TABLE numberings ADD COLUMN kind text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note'));
ALTER TABLE numberings ADD CONSTRAINT numberings_credit_note_not_electronic CHECK (kind = 'invoice' OR NOT electronic);
ALTER TABLE terminals ADD COLUMN credit_note_numbering_id uuid;
ALTER TABLE terminals ADD CONSTRAINT terminals_credit_note_numbering
  FOREIGN KEY (company_id, credit_note_numbering_id) REFERENCES numberings (company_id, id);

-- What came back of an invoice, kept on its row (read and written under the row's lock by each
-- credit note, so two tills returning the last unit at once cannot both succeed): the quantity
-- per invoice line (by position) and the status the till shows.
ALTER TABLE invoices ADD COLUMN returned_quantities jsonb NOT NULL DEFAULT '[]';
ALTER TABLE invoices ADD COLUMN return_status text NOT NULL DEFAULT 'none'
  CHECK (return_status IN ('none', 'partially_returned', 'returned'));
-- Who voided an invoice and when; void_id is the till's void document (a retried void is the same one).
ALTER TABLE invoices ADD COLUMN voided_by uuid;
ALTER TABLE invoices ADD COLUMN voided_at timestamptz;
ALTER TABLE invoices ADD COLUMN void_id uuid;

-- Accepted credit notes (a rejected one is not stored: the till edits it and sends a new revision).
CREATE TABLE credit_notes (
  company_id uuid NOT NULL REFERENCES companies(id),
  -- Made on the device (UUIDv7): the idempotency key.
  id uuid NOT NULL,
  revision integer NOT NULL,
  numbering_id uuid NOT NULL,
  prefix text NOT NULL,
  number bigint NOT NULL,
  invoice_id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  device_id uuid NOT NULL,
  cashier_id uuid NOT NULL,
  shift_id uuid,
  issued_at timestamptz NOT NULL,
  reason text NOT NULL,
  subtotal bigint NOT NULL,
  discount bigint NOT NULL,
  tax bigint NOT NULL,
  total bigint NOT NULL,
  -- [{ invoiceLineIndex, quantity }] and [{ paymentMethodId, kind, amount }], for lists and reports.
  lines jsonb NOT NULL,
  refunds jsonb NOT NULL,
  document jsonb NOT NULL,
  user_id uuid NOT NULL,
  -- From the device's own counter (devices.invoice_version), like invoices and shifts.
  version bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, invoice_id) REFERENCES invoices (company_id, id)
);
-- A credit-note number is never used twice.
CREATE UNIQUE INDEX credit_notes_number_once ON credit_notes (company_id, numbering_id, number);
CREATE INDEX credit_notes_invoice ON credit_notes (company_id, invoice_id);
CREATE INDEX credit_notes_device_version ON credit_notes (company_id, device_id, version);
CREATE INDEX credit_notes_shift ON credit_notes (company_id, shift_id) WHERE shift_id IS NOT NULL;
