import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { authGuard } from "../auth/authGuard";
import type { Database } from "../db/database";
import { registerAuthRoutes } from "../features/auth/authRoutes";
import { catalogResources } from "../features/catalog/resourceDefinitions";
import { registerResourceRoutes } from "../features/catalog/resourceRoutes";
import { registerDeviceRoutes } from "../features/devices/deviceRoutes";
import { registerInvoiceRoutes } from "../features/invoices/invoiceRoutes";
import { registerMaintenanceRoutes } from "../features/maintenance/maintenanceRoutes";
import { maintenanceSchedule } from "../features/maintenance/maintenanceSchedule";
import { type LeaseRateLimit, leaseRateLimiter } from "../features/numbering/leaseRateLimiter";
import { registerNumberingRoutes } from "../features/numbering/numberingRoutes";
import { registerSyncRoutes } from "../features/sync/syncRoutes";
import { installErrorHandler } from "./errorHandler";

const defaultWebDist = join(dirname(fileURLToPath(import.meta.url)), "../../../web/dist");

export interface AppOptions {
  db: Database;
  logger?: boolean;
  /** Folder of the built web app served at `/`; skipped when missing. */
  webDist?: string | null;
  /** Per-device rate limit of number block leases (default: a burst of 5, then 6 a minute). */
  leaseRateLimit?: LeaseRateLimit;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    logger: options.logger ? { level: "info" } : false,
    bodyLimit: 1024 * 1024,
    // Validation is done by the shared zod schemas; route schemas only describe the API.
    ajv: { customOptions: { strict: false } },
  });
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.decorateRequest("auth", null);
  installErrorHandler(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Mostrador API", version: "1.0.0", description: "Offline-first point of sale" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.get("/api/health", { schema: { tags: ["status"], security: [] } }, async () => ({
    status: "ok",
    time: new Date().toISOString(),
  }));

  const guard = authGuard(db);
  const schedule = maintenanceSchedule(db);
  registerMaintenanceRoutes(app, db, guard, schedule);
  registerAuthRoutes(app, db, guard, schedule);
  registerDeviceRoutes(app, db, guard);
  for (const def of catalogResources) registerResourceRoutes(app, db, guard, def);
  registerInvoiceRoutes(app, db, guard);
  registerNumberingRoutes(app, db, guard);
  registerSyncRoutes(app, db, guard, leaseRateLimiter(options.leaseRateLimit));

  const webDist = options.webDist === undefined ? defaultWebDist : options.webDist;
  const serveWeb = Boolean(webDist && existsSync(join(webDist, "index.html")));
  if (serveWeb) {
    // The service worker must never be cached by HTTP, or a new version would not be noticed.
    await app.register(fastifyStatic, {
      root: webDist as string,
      // Files are looked up per request, so a rebuilt app is served without a restart.
      wildcard: true,
      setHeaders: (res, path) => {
        if (path.endsWith("sw.js") || path.endsWith("index.html")) res.header("cache-control", "no-cache");
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
