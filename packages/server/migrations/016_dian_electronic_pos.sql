-- The DIAN's electronic equivalent POS document (issue 19): a numbering kind, the range's DIAN
-- authorization number, the company's DIAN settings and the outbox of generated documents.

-- A "DEE POS" numbering sells like an invoice numbering and is always electronic (numbered by the
-- server); credit-note numberings stay non-electronic.
ALTER TABLE numberings DROP CONSTRAINT numberings_kind_check;
ALTER TABLE numberings ADD CONSTRAINT numberings_kind_check CHECK (kind IN ('invoice', 'credit_note', 'dee_pos'));
ALTER TABLE numberings DROP CONSTRAINT numberings_credit_note_not_electronic;
ALTER TABLE numberings ADD CONSTRAINT numberings_credit_note_not_electronic CHECK (kind <> 'credit_note' OR NOT electronic);
ALTER TABLE numberings ADD CONSTRAINT numberings_dee_pos_electronic CHECK (kind <> 'dee_pos' OR electronic);
-- sts:InvoiceAuthorization: the DIAN's resolution number of the range; a DEE POS numbering has one.
ALTER TABLE numberings ADD COLUMN dian_authorization text;
ALTER TABLE numberings ADD CONSTRAINT numberings_dee_pos_authorized CHECK (kind <> 'dee_pos' OR dian_authorization IS NOT NULL);

-- The company's DIAN settings ("Facturación electrónica POS"). The PIN is never answered by the API.
ALTER TABLE companies
  ADD COLUMN dian_software_id text,
  ADD COLUMN dian_software_pin text,
  ADD COLUMN dian_test_set_id text,
  ADD COLUMN dian_environment text NOT NULL DEFAULT '2' CHECK (dian_environment IN ('1', '2')),
  ADD COLUMN dian_service_url text,
  ADD COLUMN dian_software_provider_nit text;

-- The outbox of electronic documents: one per accepted invoice on a DEE POS numbering, written in
-- the invoice's own transaction. generated → sent → accepted / rejected (with the DIAN's rule
-- codes); not_generated when the company's DIAN settings were incomplete (problem says what).
CREATE TABLE electronic_documents (
  company_id uuid NOT NULL REFERENCES companies(id),
  invoice_id uuid NOT NULL,
  kind text NOT NULL DEFAULT 'dee_pos' CHECK (kind IN ('dee_pos')),
  -- cbc:ID: prefix and number.
  number text NOT NULL,
  environment text NOT NULL CHECK (environment IN ('1', '2')),
  state text NOT NULL CHECK (state IN ('not_generated', 'generated', 'sent', 'accepted', 'rejected')),
  problem text,
  cude text,
  qr_text text,
  xml text,
  dian_rule_codes jsonb NOT NULL DEFAULT '[]',
  dian_response text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, invoice_id),
  FOREIGN KEY (company_id, invoice_id) REFERENCES invoices (company_id, id),
  CHECK (state = 'not_generated' OR (cude IS NOT NULL AND xml IS NOT NULL))
);
-- A CUDE identifies one document at the DIAN: never two rows with the same one.
CREATE UNIQUE INDEX electronic_documents_cude_once ON electronic_documents (company_id, cude) WHERE cude IS NOT NULL;
CREATE INDEX electronic_documents_by_state ON electronic_documents (company_id, state, next_attempt_at);
