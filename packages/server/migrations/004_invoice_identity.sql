-- "No number" is NULL in SQL as it is null in the invoice document (an electronic invoice rejected
-- before the server numbered it). 0 stood for it before.
ALTER TABLE invoices ALTER COLUMN number DROP NOT NULL;
UPDATE invoices SET number = NULL WHERE number = 0;

-- Who signed in on which device. An invoice's cashier must be a user who signed in on the device
-- that made it (the device token alone does not let a till invoice in another user's name).
CREATE TABLE device_sign_ins (
  company_id uuid NOT NULL REFERENCES companies(id),
  device_id uuid NOT NULL,
  user_id uuid NOT NULL,
  first_at timestamptz NOT NULL DEFAULT now(),
  last_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, device_id, user_id),
  FOREIGN KEY (company_id, device_id) REFERENCES devices (company_id, id)
);
-- Devices registered before this migration: their registering user, and every cashier whose
-- invoices the server already accepted from them.
INSERT INTO device_sign_ins (company_id, device_id, user_id, first_at, last_at)
SELECT company_id, id, user_id, created_at, created_at FROM devices
ON CONFLICT DO NOTHING;
INSERT INTO device_sign_ins (company_id, device_id, user_id)
SELECT DISTINCT i.company_id, i.device_id, i.cashier_id FROM invoices i
  JOIN devices d ON d.company_id = i.company_id AND d.id = i.device_id
 WHERE i.status <> 'rejected'
ON CONFLICT DO NOTHING;

-- What an accepted invoice did that an auditor wants to see (a line given away at price 0 or
-- with a 100 % discount): allowed, but on record with the attempt.
ALTER TABLE invoice_attempts ADD COLUMN notices jsonb NOT NULL DEFAULT '[]';
