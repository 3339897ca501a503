-- The DIAN's electronic equivalent POS document (issue 19): a numbering kind, the range's DIAN
-- authorization number, the company's DIAN settings and the outbox of generated documents.

-- A "DEE POS" numbering sells like an invoice numbering and is always electronic (numbered by the
-- server); credit-note numberings stay non-electronic.
ALTER TABLE numberings DROP CONSTRAINT numberings_kind_check;
ALTER TABLE numberings ADD CONSTRAINT numberings_kind_check CHECK (kind IN ('invoice', 'credit_note', 'dee_pos'));
ALTER TABLE numberings DROP CONSTRAINT numberings_credit_note_not_electronic;
ALTER TABLE numberings ADD CONSTRAINT numberings_credit_note_not_electronic CHECK (kind <> 'credit_note' OR NOT electronic);
ALTER TABLE numberings ADD CONSTRAINT numberings_dee_pos_electronic CHECK (kind <> 'dee_pos' OR electronic);
-- sts:InvoiceAuthorization: the DIAN's resolution number of the range.
ALTER TABLE numberings ADD COLUMN dian_authorization text;

-- The company's DIAN settings ("Facturación electrónica POS"). The PIN is never answered by the API.
ALTER TABLE companies
  ADD COLUMN dian_software_id text,
  ADD COLUMN dian_software_pin text,
  ADD COLUMN dian_test_set_id text,
  ADD COLUMN dian_environment text NOT NULL DEFAULT '2' CHECK (dian_environment IN ('1', '2')),
  ADD COLUMN dian_service_url text,
  ADD COLUMN dian_software_provider_nit text;
