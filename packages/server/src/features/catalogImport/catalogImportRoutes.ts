import {
  catalogExportQuerySchema,
  catalogImportRequestSchema,
  type ImportEntity,
  importReportSchema,
  MAX_IMPORT_CSV_CHARS,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { errorResponses } from "../../http/routeSchemas";
import { exportCatalog } from "./catalogExporter";
import { importCatalog } from "./catalogImporter";

/**
 * The JSON body around a 16 MB CSV: quotes and line breaks are escaped in JSON, so the limit leaves
 * room for them; the schema then bounds the CSV text itself.
 */
const IMPORT_BODY_LIMIT = MAX_IMPORT_CSV_CHARS + 4 * 1024 * 1024;

const fileNames: Record<ImportEntity, string> = { products: "productos", clients: "clientes" };

/** Route layer only: parse, authorize, call the importer or exporter. */
export function registerCatalogImportRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  for (const entity of ["products", "clients"] as const) {
    app.post(
      `/api/${entity}/import`,
      {
        preValidation: guard.requireAdmin,
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: [entity],
          summary: `Import ${entity} from a CSV file (preview with commit: false; all or nothing with commit: true)`,
          description:
            "Columns are mapped by header (Spanish or English). A commit with any error answers 400 IMPORT_INVALID " +
            "with the report in `details` and writes nothing.",
          body: catalogImportRequestSchema,
          response: { 200: importReportSchema, ...errorResponses({ auth: "admin", body: true }) },
        },
      },
      async (req) =>
        importCatalog(
          db,
          entity,
          authOf(req).companyId,
          req.body.csv,
          req.body.commit,
          req.body.skipInvalid,
          authOf(req).userId,
        ),
    );

    app.get(
      `/api/${entity}/export`,
      {
        preValidation: guard.requireAdmin,
        schema: {
          tags: [entity],
          summary: `Export every ${entity.slice(0, -1)} as CSV (UTF-8 with BOM, Spanish headers; imports back unchanged)`,
          querystring: catalogExportQuerySchema,
          response: { 200: z.string().describe("text/csv; charset=utf-8"), ...errorResponses({ auth: "admin" }) },
        },
      },
      async (req, reply) => {
        const csv = await exportCatalog(db, entity, authOf(req).companyId, req.query.delimiter);
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${fileNames[entity]}-${day}.csv"`)
          .send(csv);
      },
    );
  }
}
