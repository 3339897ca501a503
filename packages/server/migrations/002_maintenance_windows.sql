-- Scheduled maintenance of a company's service: during it the API answers 503 to that company's
-- tills, which keep invoicing offline. Synced to the tills so the banner shows even offline.
CREATE TABLE maintenance_windows (
  company_id uuid NOT NULL REFERENCES companies(id),
  id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  message text NOT NULL DEFAULT '',
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL,
  PRIMARY KEY (company_id, id),
  CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_windows_version ON maintenance_windows (company_id, version);
CREATE INDEX maintenance_windows_ends ON maintenance_windows (company_id, ends_at);
