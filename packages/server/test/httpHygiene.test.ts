import { describe, expect, it, vi } from "vitest";
import { buildApp } from "../src/app/buildApp";
import { logLevel } from "../src/app/httpHygiene";
import { newShop } from "./support/company";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

describe("HTTP hygiene", () => {
  it("security headers on every response; API answers are never cached", async () => {
    for (const url of ["/api/health", "/api/nothing-here", "/"]) {
      const res = await server.app.inject({ method: "GET", url });
      const csp = String(res.headers["content-security-policy"]);
      // The app's pages load only their own scripts; an API answer (data) may load nothing at all.
      if (url.startsWith("/api/")) expect(csp, url).toContain("default-src 'none'");
      else {
        expect(csp, url).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
      }
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      if (url.startsWith("/api/")) expect(res.headers["cache-control"]).toBe("no-store");
    }
  });

  it("the API docs page gets its own policy (Swagger UI styles itself inline), still never framed", async () => {
    const first = await server.app.inject({ method: "GET", url: "/api/docs" });
    const location = first.headers.location ? `/api/docs/${String(first.headers.location).replace(/^\.?\//, "")}` : "";
    const res = location.startsWith("/api/docs/") ? await server.app.inject({ method: "GET", url: location }) : first;
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("swagger");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
  });

  it("a forged token does not reveal a company's maintenance notice; a real one gets the 503", async () => {
    const shop = await newShop(server);
    const now = Date.now();
    const window = await shop.http.post(
      "/api/maintenance-windows",
      {
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 600_000).toISOString(),
        message: "Migración secreta del proveedor",
      },
      { token: shop.admin },
    );
    expect(window.status).toBe(201);
    const forged = `mst_${shop.demo.companyId.replace(/-/g, "")}_${"A".repeat(32)}`;
    const res = await shop.http.get("/api/auth/me", { token: forged });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain("Migración");
    const real = await shop.http.get("/api/auth/me", { token: shop.admin });
    expect(real.status).toBe(503);
    expect(real.body.error.code).toBe("MAINTENANCE");
  });

  it("a 5xx carries the request id that its log line and the x-request-id header carry", async () => {
    const app = await buildApp({ db: server.db, webDist: null });
    app.get("/api/explode", async () => {
      throw new Error("kaboom: a bug");
    });
    const res = await app.inject({ method: "GET", url: "/api/explode" });
    await app.close();
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.requestId).toBe(res.headers["x-request-id"]);
    expect(body.error.message).toContain(body.error.requestId);
    expect(JSON.stringify(body)).not.toContain("kaboom");
  });

  it("a database data error (SQLSTATE class 22) is a 400 with a code, never a 500", async () => {
    const app = await buildApp({ db: server.db, webDist: null });
    app.get("/api/bad-data", async () => server.db.query("SELECT $1::text AS t", ["NUL \u0000 inside"]));
    const res = await app.inject({ method: "GET", url: "/api/bad-data" });
    await app.close();
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("DATA_INVALID");
  });

  it("LOG_LEVEL: info by default, a misspelt level is refused at start", () => {
    expect(logLevel(undefined)).toBe("info");
    expect(logLevel("warn")).toBe("warn");
    expect(() => logLevel("verbose")).toThrow(/LOG_LEVEL/);
  });
});
