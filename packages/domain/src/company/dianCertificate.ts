import { z } from "zod";

/** A PKCS#12 of at most 64 KB (a signing certificate with its chain is a few KB). */
export const DIAN_CERTIFICATE_MAX_BYTES = 64 * 1024;

/**
 * POST /api/company/dian-certificate: the company's signing certificate (.p12/.pfx) as base64
 * and its password. The password is stored encrypted and never answered.
 */
export const dianCertificateUploadSchema = z.strictObject({
  pkcs12Base64: z
    .string()
    .trim()
    .min(1, { message: "the certificate file is empty" })
    .max(Math.ceil(DIAN_CERTIFICATE_MAX_BYTES / 3) * 4 + 4, { message: "the certificate file is larger than 64 KB" })
    .regex(/^[A-Za-z0-9+/\s]+={0,2}$/, { message: "must be the .p12 file in base64" }),
  password: z.string().min(1, { message: "the certificate's password is required" }).max(200),
});
export type DianCertificateUpload = z.infer<typeof dianCertificateUploadSchema>;

/** What the API says of the stored certificate: who it names and until when, never the password. */
export const dianCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  uploadedAt: z.string(),
});
export type DianCertificate = z.infer<typeof dianCertificateSchema>;

/** GET /api/company/dian-certificate: null until one is uploaded. */
export const dianCertificateAnswerSchema = z.object({ certificate: dianCertificateSchema.nullable() });
