-- Numbers that were printed or taken but never became a valid sale (an invoice in error that had to
-- take a new number): kept for the audit, and never given out again.
CREATE TABLE voided_numbers (
  company_id uuid NOT NULL REFERENCES companies(id),
  numbering_id uuid NOT NULL,
  number bigint NOT NULL,
  invoice_id uuid NOT NULL,
  reason text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, numbering_id, number)
);
