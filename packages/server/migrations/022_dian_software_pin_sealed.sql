-- The DIAN software PIN sealed at rest like the certificate's password (issue 19): secretBox
-- (AES-256-GCM, the company's id as associated data, key from MOSTRADOR_SECRET_KEY or
-- DATA_DIR/secret.key). SQL cannot seal, so PINs stored in plain by migration 016 stay in
-- dian_software_pin until the server starts: sealSoftwarePinsAtStart (dianCertificate/softwarePinSeal)
-- seals each one into dian_software_pin_sealed and clears the plain column. New PINs are only
-- ever written sealed.
ALTER TABLE companies ADD COLUMN dian_software_pin_sealed text;
ALTER TABLE companies ADD CONSTRAINT companies_dian_software_pin_sealed_format
  CHECK (dian_software_pin_sealed IS NULL OR dian_software_pin_sealed LIKE 'v1.%');
-- Never both: a sealed PIN replaces the plain one.
ALTER TABLE companies ADD CONSTRAINT companies_dian_software_pin_once
  CHECK (dian_software_pin IS NULL OR dian_software_pin_sealed IS NULL);
