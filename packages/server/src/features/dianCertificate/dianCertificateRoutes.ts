import { dianCertificateAnswerSchema, dianCertificateSchema, dianCertificateUploadSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { errorResponses } from "../../http/routeSchemas";
import { readDianCertificate, saveDianCertificate } from "./dianCertificateStore";
import type { SecretBox } from "./secretBox";

/** Route layer only: the company's DIAN signing certificate, for admins. */
export function registerDianCertificateRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  secrets: SecretBox,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["company"];
  app.get(
    "/api/company/dian-certificate",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "The company's DIAN signing certificate: subject, issuer, serial and validity (never the password)",
        response: { 200: dianCertificateAnswerSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => ({ certificate: await readDianCertificate(db, authOf(req).companyId) }),
  );

  app.put(
    "/api/company/dian-certificate",
    {
      preValidation: guard.requireAdmin,
      // A 64 KB file in base64 and its password.
      bodyLimit: 128 * 1024,
      schema: {
        tags,
        summary:
          "Upload the company's PKCS#12 (.p12/.pfx, base64) and its password; refused (400 CERTIFICATE_INVALID) when the password does not open it, it is expired or it cannot sign",
        body: dianCertificateUploadSchema,
        response: { 200: dianCertificateSchema, ...errorResponses({ auth: "admin", body: true }) },
      },
    },
    async (req) =>
      saveDianCertificate(db, secrets, {
        companyId: authOf(req).companyId,
        userId: authOf(req).userId,
        upload: req.body,
        now: new Date(),
      }),
  );
}
