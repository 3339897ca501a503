-- Adjustment notes of DEE POS tickets (issue 19; Anexo técnico del documento equivalente
-- electrónico, "Nota de ajuste del documento equivalente electrónico"): a return or a void of a
-- ticket whose electronic document is in the outbox adds a row of kind 'adjustment_note' for the
-- same invoice, sent by the same sender.
--
-- note_id: the credit note's id for a return; for a void, the void's id (the till's void document)
-- or, for a back-office void that has none, an id drawn once when the invoice is voided (an
-- invoice is voided once, under its row lock). NULL on the ticket's own row.
-- document_id: the row's key, coalesce(note_id, invoice_id): the ticket's row keeps its invoice's
-- id (existing rows, links and the resend route keep working), a note is found by its note_id.
ALTER TABLE electronic_documents
  ADD COLUMN note_id uuid,
  ADD COLUMN document_id uuid GENERATED ALWAYS AS (coalesce(note_id, invoice_id)) STORED,
  -- What the note adjusts: 'return' (ResponseCode 1) or 'void' (ResponseCode 2), and the ticket's
  -- number and CUDE as its cac:BillingReference says them.
  ADD COLUMN note_reason text CHECK (note_reason IN ('return', 'void')),
  ADD COLUMN references_number text,
  ADD COLUMN references_cude text;

ALTER TABLE electronic_documents DROP CONSTRAINT electronic_documents_kind_check;
ALTER TABLE electronic_documents ADD CONSTRAINT electronic_documents_kind_check
  CHECK (kind IN ('dee_pos', 'adjustment_note'));
ALTER TABLE electronic_documents ADD CONSTRAINT electronic_documents_note_shape CHECK (
  (kind = 'dee_pos' AND note_id IS NULL AND note_reason IS NULL)
  OR (kind = 'adjustment_note' AND note_id IS NOT NULL AND note_reason IS NOT NULL AND references_number IS NOT NULL)
);

-- The key: one ticket row per invoice (document_id = invoice_id) plus one row per note.
ALTER TABLE electronic_documents DROP CONSTRAINT electronic_documents_pkey;
ALTER TABLE electronic_documents ADD PRIMARY KEY (company_id, document_id);
-- Still one ticket document per invoice, and one void note per invoice.
CREATE UNIQUE INDEX electronic_documents_ticket_once ON electronic_documents (company_id, invoice_id)
  WHERE kind = 'dee_pos';
CREATE UNIQUE INDEX electronic_documents_void_note_once ON electronic_documents (company_id, invoice_id)
  WHERE note_reason = 'void';
CREATE INDEX electronic_documents_by_invoice ON electronic_documents (company_id, invoice_id);
