import { companySettingsPatchSchema, companySettingsSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { errorResponses } from "../../http/routeSchemas";
import { loadCompany } from "../auth/userPresenter";
import type { SecretBox } from "../dianCertificate/secretBox";
import { presentCompanySettings } from "./companySettingsPresenter";
import { updateCompanySettings } from "./companySettingsUpdater";

/** "Empresa": the company's own settings, read by any signed-in user, changed by admins. */
export function registerCompanySettingsRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  /** Seals the DIAN software PIN (never stored or answered in plain). */
  secrets: SecretBox,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/company",
    {
      preValidation: guard.authenticate,
      schema: {
        tags: ["company"],
        summary: "The company's settings (legal name, NIT, receipt texts, time zone, limits)",
        response: { 200: companySettingsSchema, ...errorResponses({ auth: "user" }) },
      },
    },
    async (req) => presentCompanySettings(await loadCompany(db, authOf(req).companyId)),
  );

  app.patch(
    "/api/company",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["company"],
        summary: "Change the company's settings (with expectedVersion: 409 CONFLICT when changed meanwhile)",
        body: companySettingsPatchSchema,
        response: {
          200: companySettingsSchema,
          ...errorResponses({ auth: "admin", body: true, notFound: true, conflict: true }),
        },
      },
    },
    async (req) => updateCompanySettings(db, authOf(req).companyId, req.body, authOf(req).userId, secrets),
  );
}
