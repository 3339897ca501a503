import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * The till keeps its tokens in IndexedDB, so a script injected into the page could read them:
 * the app's policy allows only its own scripts (no inline code, no eval), is never framed, and
 * sends no referrer. The API docs page (Swagger UI) styles itself inline and gets its own policy.
 */
const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:", "blob:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Shops may serve the app over plain HTTP on their own network: upgrading would break it.
  upgradeInsecureRequests: null,
};
// An API answer is data, never a page: nothing may load from it, and it is never framed. Short on
// purpose: an incremental pull that brings nothing new must stay a few hundred bytes on the wire.
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL from the environment; "info" when unset, and a clear failure when misspelt. */
export function logLevel(raw: string | undefined): LogLevel {
  if (!raw) return "info";
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; got "${raw}"`);
}

/** A request id every log line and every 5xx body carries, so a cashier's report finds its log. */
export const genRequestId = () => randomUUID();

/** Helmet's settings: the same headers on every response (the API's CSP is replaced in onSend). */
export const SECURITY_HEADERS = {
  contentSecurityPolicy: { useDefaults: false, directives: APP_CSP },
  // The app loads nothing cross-origin; COEP would only get in the way of the docs' images.
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: "no-referrer" as const },
  // Legacy headers modern browsers ignore; every byte counts on a till's slow connection.
  xDownloadOptions: false,
  xDnsPrefetchControl: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  originAgentCluster: false,
};

export async function installHttpHygiene(app: FastifyInstance) {
  // Built once: @fastify/helmet built the middleware again for every request (parsing the policy's
  // directives each time, ≈ 2 % of the server's CPU per single-invoice push); the headers are the same.
  const securityHeaders = helmet(SECURITY_HEADERS);
  app.addHook("onRequest", (req, reply, done) => {
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined));
  });
  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("x-request-id", req.id);
    if (req.url.startsWith("/api/docs")) reply.header("content-security-policy", DOCS_CSP);
    // API answers hold a company's data: never kept by a browser or a proxy cache.
    else if (req.url.startsWith("/api/")) {
      reply.header("content-security-policy", API_CSP);
      reply.header("cache-control", "no-store");
    }
    return payload;
  });
}
