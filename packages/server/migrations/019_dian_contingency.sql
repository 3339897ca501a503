-- Issuer contingency of the DIAN's electronic POS document (issue 19): when the shop's connection is
-- down, a DEE POS till issues contingency tickets from a separate numbering leased in blocks like POS
-- numbers; the server turns each into the electronic document when the till syncs. The DIAN's annex
-- for equivalent documents (Res. 000165/2023, "contingencia del facturador") gives the issuer 48 hours
-- from the end of the outage to transmit them.

-- A contingency numbering: numbered by the till from leased blocks (never electronic), with the
-- DIAN's authorization of its range (the electronic document's InvoiceControl names it).
ALTER TABLE numberings DROP CONSTRAINT numberings_kind_check;
ALTER TABLE numberings ADD CONSTRAINT numberings_kind_check
  CHECK (kind IN ('invoice', 'credit_note', 'dee_pos', 'contingency'));
ALTER TABLE numberings ADD CONSTRAINT numberings_contingency_not_electronic CHECK (kind <> 'contingency' OR NOT electronic);
ALTER TABLE numberings ADD CONSTRAINT numberings_contingency_authorized
  CHECK (kind <> 'contingency' OR dian_authorization IS NOT NULL);
-- A DEE POS numbering names the contingency numbering its tills sell with offline.
ALTER TABLE numberings ADD COLUMN contingency_numbering_id uuid;
ALTER TABLE numberings ADD CONSTRAINT numberings_contingency_numbering_fk
  FOREIGN KEY (company_id, contingency_numbering_id) REFERENCES numberings (company_id, id);
ALTER TABLE numberings ADD CONSTRAINT numberings_contingency_only_dee_pos
  CHECK (contingency_numbering_id IS NULL OR kind = 'dee_pos');

-- A terminal may keep today's rule: no invoicing offline on an electronic numbering at all.
ALTER TABLE terminals ADD COLUMN block_offline_electronic boolean NOT NULL DEFAULT false;

-- The outbox row of a contingency ticket: its deadline counts from the end of the outage (the first
-- successful sync of the till that delivered it), deadline_at = outage_ended_at + 48 hours.
ALTER TABLE electronic_documents
  ADD COLUMN contingency boolean NOT NULL DEFAULT false,
  ADD COLUMN outage_ended_at timestamptz,
  ADD COLUMN deadline_at timestamptz,
  ADD CONSTRAINT electronic_documents_contingency_deadline
    CHECK (NOT contingency OR (outage_ended_at IS NOT NULL AND deadline_at IS NOT NULL));
CREATE INDEX electronic_documents_contingency_by_deadline
  ON electronic_documents (company_id, deadline_at) WHERE contingency;
