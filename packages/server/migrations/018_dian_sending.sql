-- Sending DIAN electronic documents (issue 19): the company's signing certificate, and what the
-- outbox records of each sending (Anexo técnico factura electrónica v1.9, web service section).

-- The company's PKCS#12 (base64) and its password sealed with AES-256-GCM (the server's secret
-- key: MOSTRADOR_SECRET_KEY or DATA_DIR/secret.key); never answered by the API. One per company.
CREATE TABLE dian_certificates (
  company_id uuid PRIMARY KEY REFERENCES companies(id),
  pkcs12_base64 text NOT NULL,
  password_sealed text NOT NULL,
  subject text NOT NULL,
  issuer text NOT NULL,
  serial_number text NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by uuid
);

-- The zip's and XML's names carry a consecutive per company (hexadecimal in the name).
ALTER TABLE companies ADD COLUMN dian_file_sequence bigint NOT NULL DEFAULT 0;

-- Each document's sending: the signed XML as sent (a resend sends the same bytes), its file name,
-- the test set's ZipKey (SendTestSetAsync), the DIAN's status code and messages, when it was
-- first sent and accepted, and the last transport failure (5xx, timeout) that will be retried.
ALTER TABLE electronic_documents
  ADD COLUMN signed_xml text,
  ADD COLUMN dian_file_name text,
  ADD COLUMN dian_zip_key text,
  ADD COLUMN dian_status_code text,
  ADD COLUMN dian_messages jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN sent_at timestamptz,
  ADD COLUMN accepted_at timestamptz,
  ADD COLUMN send_error text;
-- The sender's query: due documents of every company.
CREATE INDEX electronic_documents_due ON electronic_documents (next_attempt_at) WHERE state IN ('generated', 'sent');
