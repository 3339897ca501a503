import type { Queryable } from "../../db/database";
import type { SecretBox } from "./secretBox";

type Row = Record<string, unknown>;

/**
 * The DIAN software PIN at rest (migration 022): sealed by the secretBox like the certificate's
 * password, never answered by the API (only `softwarePinSet`), opened only to compute a CUDE or a
 * software security code, or to tell whether a PIN sent again is the same one.
 */

/** Whether the company has a PIN, sealed or (before the server's first start after 022) plain. */
export const softwarePinSet = (company: Row): boolean =>
  Boolean(company.dian_software_pin_sealed ?? company.dian_software_pin);

/**
 * The company's PIN, opened: null when none is set; throws SoftwarePinUnreadable when it was
 * sealed under another key (MOSTRADOR_SECRET_KEY or DATA_DIR/secret.key changed).
 */
export function openSoftwarePin(company: Row, secrets: SecretBox): string | null {
  const sealed = company.dian_software_pin_sealed;
  if (sealed) {
    try {
      return secrets.open(String(sealed), String(company.id));
    } catch {
      throw new SoftwarePinUnreadable();
    }
  }
  const plain = company.dian_software_pin;
  return plain ? String(plain) : null;
}

export class SoftwarePinUnreadable extends Error {
  constructor() {
    super("the DIAN software PIN cannot be opened with this server's secret key: enter the PIN again");
  }
}

/** The columns a new PIN is written to: sealed, the plain column cleared. */
export function sealedSoftwarePinColumns(pin: string | null, companyId: string, secrets: SecretBox) {
  return { dian_software_pin_sealed: pin === null ? null : secrets.seal(pin, companyId), dian_software_pin: null };
}

/**
 * At start, before serving: the PINs migration 016 stored in plain are sealed (SQL cannot seal).
 * Each row is written only if its plain PIN is still the one read, so two servers starting at once
 * seal it once. Answers how many were sealed.
 */
export async function sealSoftwarePinsAtStart(db: Queryable, secrets: SecretBox): Promise<number> {
  const plain = await db.query<{ id: string; dian_software_pin: string }>(
    "SELECT id, dian_software_pin FROM companies WHERE dian_software_pin IS NOT NULL",
  );
  let sealed = 0;
  for (const row of plain) {
    const written = await db.query(
      `UPDATE companies SET dian_software_pin_sealed = $3, dian_software_pin = NULL
        WHERE id = $1 AND dian_software_pin = $2 RETURNING id`,
      [row.id, row.dian_software_pin, secrets.seal(row.dian_software_pin, row.id)],
    );
    sealed += written.length;
  }
  return sealed;
}
