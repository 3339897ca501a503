import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { healthResponseSchema } from "@mostrador/domain";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { jsonSchemaTransform, type ZodTypeProvider } from "fastify-type-provider-zod";
import { authGuard } from "../auth/authGuard";
import type { Database } from "../db/database";
import { registerAuditRoutes } from "../features/audit/auditRoutes";
import { registerAuthRoutes } from "../features/auth/authRoutes";
import { catalogResources } from "../features/catalog/resourceDefinitions";
import { registerResourceRoutes } from "../features/catalog/resourceRoutes";
import { registerCatalogImportRoutes } from "../features/catalogImport/catalogImportRoutes";
import { registerCompanySettingsRoutes } from "../features/companies/companySettingsRoutes";
import { registerDeviceRoutes } from "../features/devices/deviceRoutes";
import { registerDianCertificateRoutes } from "../features/dianCertificate/dianCertificateRoutes";
import { loadSecretKey, secretBoxOf } from "../features/dianCertificate/secretBox";
import { sealSoftwarePinsAtStart } from "../features/dianCertificate/softwarePinSeal";
import {
  type DianSendingOptions,
  type ElectronicDocumentDispatcher,
  electronicDocumentDispatcher,
} from "../features/electronicDocument/electronicDocumentDispatcher";
import { registerElectronicDocumentRoutes } from "../features/electronicDocument/electronicDocumentRoutes";
import { registerElectronicDocumentSendingRoutes } from "../features/electronicDocument/electronicDocumentSendingRoutes";
import { registerInventoryRoutes } from "../features/inventory/inventoryRoutes";
import { registerInvoiceRoutes } from "../features/invoices/invoiceRoutes";
import { registerMaintenanceRoutes } from "../features/maintenance/maintenanceRoutes";
import { maintenanceSchedule } from "../features/maintenance/maintenanceSchedule";
import { type LeaseRateLimit, leaseRateLimiter } from "../features/numbering/leaseRateLimiter";
import { registerNumberingRoutes } from "../features/numbering/numberingRoutes";
import { registerReportRoutes } from "../features/reports/reportRoutes";
import { registerShiftRoutes } from "../features/shifts/shiftRoutes";
import { registerSyncRoutes } from "../features/sync/syncRoutes";
import { apiValidatorCompiler, errorResponses, responseSerializerCompiler } from "../http/routeSchemas";
import { installErrorHandler } from "./errorHandler";
import { genRequestId, installHttpHygiene, type LogLevel } from "./httpHygiene";
import { defaultWebDist } from "./serverPaths";

/** TRUST_PROXY: unset/0 = no proxy; 1/true = trust any; otherwise the proxies' addresses ("10.0.0.1,10.0.0.2"). */
export function trustProxySetting(value: string | undefined): boolean | string {
  if (!value || value === "0" || value === "false") return false;
  return value === "1" || value === "true" ? true : value;
}

export interface AppOptions {
  db: Database;
  /** Log level of Fastify's structured (pino) logs; false or absent: no logs (tests). */
  logger?: false | LogLevel;
  /** Folder of the built web app served at `/`; skipped when missing. */
  webDist?: string | null;
  /** Check every response against its documented schema (tests): a drift fails as a 500. */
  checkResponses?: boolean;
  /** Per-device rate limit of number block leases (default: a burst of 5, then 6 a minute). */
  leaseRateLimit?: LeaseRateLimit;
  /** The key sealing secrets at rest (the DIAN certificate's password); default MOSTRADOR_SECRET_KEY or a random one. */
  secretKey?: Uint8Array;
  /** Sending electronic documents to the DIAN from this process: after pushes, on a timer. Default: neither (tests). */
  dianSending?: DianSendingOptions;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The DIAN sender of this process: runNow() sends what is due (tests, after a sync). */
    electronicDocuments: ElectronicDocumentDispatcher;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    logger: options.logger === false || options.logger === undefined ? false : { level: options.logger },
    genReqId: genRequestId,
    bodyLimit: 1024 * 1024,
    // Errors of the router itself (a malformed or over-long id in the path) keep the one error format.
    frameworkErrors: (err, _req, res) => {
      const reply = res as unknown as FastifyReply;
      if (err.code === "FST_ERR_MAX_PARAM_LENGTH")
        return reply.code(404).send({ error: { code: "NOT_FOUND", message: "not found: the id is too long" } });
      return reply.code(400).send({ error: { code: "VALIDATION_FAILED", message: `malformed URL: ${err.message}` } });
    },
    // Behind a reverse proxy the client's address (the login throttle's key) comes from X-Forwarded-For.
    trustProxy: trustProxySetting(process.env.TRUST_PROXY),
  });
  // Route schemas are the shared zod schemas: they validate requests and describe the API.
  app.setValidatorCompiler(apiValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(options.checkResponses ?? false));
  app.decorateRequest("auth", null);
  installErrorHandler(app);
  await installHttpHygiene(app);

  await app.register(fastifySwagger, {
    // 3.1: its schemas are JSON Schema 2020-12, what zod emits (3.0 cannot say exclusiveMinimum: 0).
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Mostrador API",
        version: "1.0.0",
        description: "Offline-first point of sale. Money is integer minor units (centavos): 1250000 = $ 12.500.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/health",
    {
      schema: {
        tags: ["status"],
        summary: "Connectivity probe (no auth, also during maintenance)",
        security: [],
        response: { 200: healthResponseSchema, ...errorResponses({ auth: "public", maintenance: false }) },
      },
    },
    async () => ({ status: "ok" as const, time: new Date().toISOString() }),
  );

  const guard = authGuard(db);
  const secrets = secretBoxOf(options.secretKey ?? loadSecretKey({ envValue: process.env.MOSTRADOR_SECRET_KEY }));
  // Before serving: software PINs stored in plain before migration 022 are sealed (SQL cannot seal).
  await sealSoftwarePinsAtStart(db, secrets);
  const dispatcher = electronicDocumentDispatcher(
    db,
    { secrets },
    {
      ...options.dianSending,
      onError: (error) => app.log.error({ err: error }, "sending electronic documents failed"),
    },
  );
  app.decorate("electronicDocuments", dispatcher);
  app.addHook("onClose", async () => dispatcher.close());
  const schedule = maintenanceSchedule(db);
  registerMaintenanceRoutes(app, db, guard, schedule);
  registerAuthRoutes(app, db, guard, schedule);
  registerDeviceRoutes(app, db, guard);
  registerCompanySettingsRoutes(app, db, guard, secrets);
  registerDianCertificateRoutes(app, db, guard, secrets);
  for (const def of catalogResources) registerResourceRoutes(app, db, guard, def);
  registerCatalogImportRoutes(app, db, guard);
  registerAuditRoutes(app, db, guard);
  registerInvoiceRoutes(app, db, guard);
  registerNumberingRoutes(app, db, guard);
  registerShiftRoutes(app, db, guard);
  registerElectronicDocumentRoutes(app, db, guard);
  registerElectronicDocumentSendingRoutes(app, db, guard, dispatcher, secrets);
  registerReportRoutes(app, db, guard);
  registerInventoryRoutes(app, db, guard);
  registerSyncRoutes(app, db, guard, secrets, leaseRateLimiter(options.leaseRateLimit), dispatcher.afterPush);

  const webDist = options.webDist === undefined ? defaultWebDist : options.webDist;
  const serveWeb = Boolean(webDist && existsSync(join(webDist, "index.html")));
  if (serveWeb) {
    // The service worker must never be cached by HTTP, or a new version would not be noticed.
    await app.register(fastifyStatic, {
      root: webDist as string,
      // Files are looked up per request, so a rebuilt app is served without a restart.
      wildcard: true,
      // The build writes .br and .gz copies (web/pwa/precompressPlugin): the one the browser accepts is sent.
      preCompressed: true,
      setHeaders: (res, servedPath) => {
        const path = servedPath.replace(/\.(br|gz)$/, "");
        if (path.endsWith("sw.js") || path.endsWith("index.html")) res.header("cache-control", "no-cache");
        // Vite puts a content hash in every name under assets/: such a file never changes, so it is cached for a year.
        else if (/[\\/]assets[\\/]/.test(path)) res.header("cache-control", "public, max-age=31536000, immutable");
      },
    });
  }
  // Client-side routes fall back to the app shell; unknown /api paths stay JSON 404s.
  app.setNotFoundHandler((req, reply) => {
    if (serveWeb && req.method === "GET" && !req.url.startsWith("/api")) return reply.sendFile("index.html");
    return reply.code(404).send({ error: { code: "NOT_FOUND", message: `no route ${req.method} ${req.url}` } });
  });
  return app;
}
