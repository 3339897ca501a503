import type { DianCertificate, DianCertificateUpload } from "@mostrador/domain";
import type { Database, Queryable } from "../../db/database";
import { ApiError } from "../../http/apiError";
import { recordAudit } from "../audit/auditTrail";
import { CertificateRejected, inspectPkcs12, type SigningIdentity } from "./certificateInspector";
import type { SecretBox } from "./secretBox";

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function presentCertificate(row: Row): DianCertificate {
  return {
    subject: String(row.subject),
    issuer: String(row.issuer),
    serialNumber: String(row.serial_number),
    validFrom: iso(row.valid_from),
    validUntil: iso(row.valid_until),
    uploadedAt: iso(row.uploaded_at),
  };
}

export async function readDianCertificate(db: Queryable, companyId: string): Promise<DianCertificate | null> {
  const rows = await db.query(
    "SELECT subject, issuer, serial_number, valid_from, valid_until, uploaded_at FROM dian_certificates WHERE company_id = $1",
    [companyId],
  );
  return rows[0] ? presentCertificate(rows[0]) : null;
}

/**
 * dianCertificateSaver: an admin's upload, checked before anything is written (a certificate that
 * cannot sign today is refused with 400 CERTIFICATE_INVALID and the stored one stays), then stored
 * with the password sealed, replacing the previous one; the audit trail names the change (the
 * certificate's subject and serial, and that the password changed), never the password.
 */
export async function saveDianCertificate(
  db: Database,
  secrets: SecretBox,
  input: { companyId: string; userId: string; upload: DianCertificateUpload; now: Date },
): Promise<DianCertificate> {
  const { companyId, userId, upload, now } = input;
  const p12 = Buffer.from(upload.pkcs12Base64.replace(/\s+/g, ""), "base64");
  let facts: ReturnType<typeof inspectPkcs12>["facts"];
  try {
    facts = inspectPkcs12(p12, upload.password, now).facts;
  } catch (error) {
    if (error instanceof CertificateRejected)
      throw new ApiError(400, "CERTIFICATE_INVALID", error.message, { reason: error.reason });
    throw error;
  }
  return db.transaction(async (tx) => {
    const before = await readDianCertificate(tx, companyId);
    const rows = await tx.query(
      `INSERT INTO dian_certificates (company_id, pkcs12_base64, password_sealed, subject, issuer, serial_number,
              valid_from, valid_until, uploaded_at, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (company_id) DO UPDATE SET pkcs12_base64 = EXCLUDED.pkcs12_base64,
              password_sealed = EXCLUDED.password_sealed, subject = EXCLUDED.subject, issuer = EXCLUDED.issuer,
              serial_number = EXCLUDED.serial_number, valid_from = EXCLUDED.valid_from,
              valid_until = EXCLUDED.valid_until, uploaded_at = EXCLUDED.uploaded_at, uploaded_by = EXCLUDED.uploaded_by
       RETURNING subject, issuer, serial_number, valid_from, valid_until, uploaded_at`,
      [
        companyId,
        p12.toString("base64"),
        secrets.seal(upload.password, companyId),
        facts.subject,
        facts.issuer,
        facts.serialNumber,
        facts.validFrom.toISOString(),
        facts.validUntil.toISOString(),
        now.toISOString(),
        userId,
      ],
    );
    const saved = presentCertificate(rows[0] as Row);
    const name = (c: DianCertificate | null) =>
      c ? `${c.subject} (serial ${c.serialNumber}, valid until ${c.validUntil})` : null;
    await recordAudit(tx, {
      companyId,
      entity: "company",
      recordId: companyId,
      userId,
      action: "update",
      changes: {
        "dian.certificate": { from: name(before), to: name(saved) },
        "dian.certificatePassword": { from: null, to: null },
      },
    });
    return saved;
  });
}

const identities = new Map<string, { uploadedAt: string; identity: SigningIdentity }>();

/**
 * The company's signing key and certificate for the sender, or null when none is uploaded. The
 * opened PKCS#12 is kept per company until another certificate is uploaded (opening one costs
 * tens of milliseconds of key derivation).
 */
export async function loadSigningIdentity(
  db: Queryable,
  secrets: SecretBox,
  companyId: string,
): Promise<SigningIdentity | null> {
  const rows = await db.query(
    "SELECT pkcs12_base64, password_sealed, uploaded_at FROM dian_certificates WHERE company_id = $1",
    [companyId],
  );
  const row = rows[0];
  if (!row) return null;
  const uploadedAt = iso(row.uploaded_at);
  const cached = identities.get(companyId);
  if (cached?.uploadedAt === uploadedAt) return cached.identity;
  const password = secrets.open(String(row.password_sealed), companyId);
  // Checked again without the dates: an expired certificate is the DIAN's to refuse, with its rule.
  const { identity } = inspectPkcs12(Buffer.from(String(row.pkcs12_base64), "base64"), password, new Date(uploadedAt));
  identities.set(companyId, { uploadedAt, identity });
  return identity;
}
