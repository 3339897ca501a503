import fastifyHelmet from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { API_CSP, DOCS_CSP, installHttpHygiene, SECURITY_HEADERS } from "./httpHygiene";

/** Every header of an answer but those that change from one answer to the next. */
async function headersOf(app: FastifyInstance, url: string) {
  const res = await app.inject({ method: "GET", url });
  const { date: _date, "x-request-id": _id, ...rest } = res.headers;
  return rest;
}

function withRoutes(app: FastifyInstance) {
  app.get("/", async () => "page");
  app.get("/api/thing", async () => ({ ok: true }));
  app.get("/api/docs/x", async () => "docs");
  return app;
}

describe("security headers built once", () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it("are the headers @fastify/helmet sent with the same settings: a page, an API answer, the docs, a 404", async () => {
    const ours = withRoutes(Fastify());
    await installHttpHygiene(ours);
    // The reference: the plugin used before (it built the middleware again for every request), with
    // the same API and docs policies and cache rule afterwards.
    const before = withRoutes(Fastify());
    await before.register(fastifyHelmet, SECURITY_HEADERS);
    before.addHook("onSend", async (req, reply, payload) => {
      if (req.url.startsWith("/api/docs")) reply.header("content-security-policy", DOCS_CSP);
      else if (req.url.startsWith("/api/")) {
        reply.header("content-security-policy", API_CSP);
        reply.header("cache-control", "no-store");
      }
      return payload;
    });
    apps.push(ours, before);
    for (const url of ["/", "/api/thing", "/api/docs/x", "/api/nothing-here"]) {
      const mine = await headersOf(ours, url);
      expect(mine["content-security-policy"], url).toBeTruthy();
      expect(mine["x-content-type-options"], url).toBe("nosniff");
      expect(mine, url).toEqual(await headersOf(before, url));
    }
    // The page's policy is the app's own, not the API's.
    expect((await headersOf(ours, "/"))["content-security-policy"]).toContain("script-src 'self'");
  });
});
