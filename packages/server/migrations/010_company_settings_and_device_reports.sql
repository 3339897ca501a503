-- Company settings the back office edits ("Empresa") and the receipts print; the time of each
-- till's backlog report, so the fleet list can say how old the pending counts are.
ALTER TABLE companies
  ADD COLUMN address text NOT NULL DEFAULT '',
  ADD COLUMN phone text NOT NULL DEFAULT '',
  ADD COLUMN tax_regime text NOT NULL DEFAULT 'responsable_iva'
    CHECK (tax_regime IN ('responsable_iva', 'no_responsable_iva', 'simple')),
  ADD COLUMN receipt_header text NOT NULL DEFAULT '',
  ADD COLUMN receipt_footer text NOT NULL DEFAULT '',
  -- A till with pending invoices that has not been heard from for longer is flagged "silent".
  ADD COLUMN device_silent_minutes integer NOT NULL DEFAULT 30
    CHECK (device_silent_minutes BETWEEN 5 AND 1440);

-- When the till made the report stored in reported_pending / reported_errors / oldest_pending_at.
-- Unknown (NULL) for reports made before this column existed.
ALTER TABLE devices ADD COLUMN reported_at timestamptz;

-- Every company row gets a new change version, so each till downloads the company again (with
-- the new fields) in its next pull. The counter row is taken as every versioned write takes it.
UPDATE change_counters SET version = version + 1;
UPDATE companies c SET version = cc.version FROM change_counters cc WHERE cc.company_id = c.id;
