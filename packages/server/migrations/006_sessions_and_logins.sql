-- Sessions that end, and sign-ins that cannot be guessed by brute force (issue 10, section 5).

-- Sliding expiry: a user token unused for longer than its role's idle limit answers TOKEN_EXPIRED.
ALTER TABLE auth_tokens ADD COLUMN last_used_at timestamptz;
UPDATE auth_tokens SET last_used_at = created_at;
ALTER TABLE auth_tokens ALTER COLUMN last_used_at SET DEFAULT now();
ALTER TABLE auth_tokens ALTER COLUMN last_used_at SET NOT NULL;
CREATE INDEX auth_tokens_user ON auth_tokens (company_id, user_id) WHERE revoked_at IS NULL;

-- A revoked till: its device token answers DEVICE_REVOKED (it must export its pending invoices).
ALTER TABLE devices ADD COLUMN revoked_at timestamptz;
ALTER TABLE devices ADD COLUMN revoked_by uuid;

-- Failed sign-ins per email (known or not, so a lockout reveals nothing), shared by every server
-- process. Like users.email, the one table read across companies; keyed by the email alone.
CREATE TABLE login_throttles (
  email text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_attempt_at timestamptz NOT NULL
);
CREATE INDEX login_throttles_last_attempt ON login_throttles (last_attempt_at);
