import { apiErrorBodySchema } from "@mostrador/domain";
import fc from "fast-check";
import type { OpenAPIV3_1 } from "openapi-types";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { newShop, openTill, type Shop, schemaHeader, type Till } from "./support/company";
import type { Reply } from "./support/http";
import { arbitraryFor, hostileString, type JsonSchema, junk, mutated } from "./support/schemaArbitrary";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

/**
 * Every operation of the OpenAPI document gets requests made from the document (one valid-looking,
 * one with junk), each sent with an admin token and with a till's device token: at most 4 requests
 * per operation. Every answer must be a documented status, never a 5xx (503 MAINTENANCE is a
 * documented answer), and match its documented schema: the test server checks each response
 * against the route's zod schema before sending it (checkResponses), so a drift is a 500 here.
 * FUZZ_SEED=<n> replays a run; FUZZ_SEED=random explores.
 */
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20_260_301);

const server = useTestServer();
let document: OpenAPIV3_1.Document;
beforeAll(async () => {
  document = (await server.app.inject({ method: "GET", url: "/api/docs/json" })).json();
});

type Operation = { path: string; method: string; op: OpenAPIV3_1.OperationObject };

function operations(): Operation[] {
  const all = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "patch", "delete"] as const)
      .filter((m) => item?.[m])
      .map((method) => ({ path, method, op: item?.[method] as OpenAPIV3_1.OperationObject })),
  );
  // Logout revokes the token the other operations use: last.
  return all.sort((a, b) => Number(a.path.endsWith("logout")) - Number(b.path.endsWith("logout")));
}

/** URLs cannot carry lone surrogates: replace them (the body still can). */
const wellFormed = (v: unknown) => String(v).replace(/[\ud800-\udfff]/g, "\ufffd");

interface FuzzRequest {
  url: string;
  body?: unknown;
  headers: Record<string, string>;
}

function requestArbitrary(o: Operation, knownIds: string[], hostile: boolean): fc.Arbitrary<FuzzRequest> {
  const options = { knownIds };
  const params = (o.op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  const valueFor = (p: OpenAPIV3_1.ParameterObject) =>
    hostile ? fc.oneof(hostileString, fc.string()) : arbitraryFor(p.schema as JsonSchema, options);
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const pathArb = fc.tuple(...pathParams.map(valueFor));
  const queryArb = fc.tuple(...queryParams.map((p) => fc.option(valueFor(p), { nil: undefined })));
  const bodySchema = (o.op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content?.["application/json"]
    ?.schema as JsonSchema | undefined;
  const valid = bodySchema ? arbitraryFor(bodySchema, options) : fc.constant(undefined);
  const bodyArb = bodySchema && hostile ? fc.oneof(mutated(valid), junk) : valid;
  const headerArb = fc.constantFrom<Record<string, string>>(schemaHeader, schemaHeader, { "x-mostrador-schema": "99" });
  return fc.tuple(pathArb, queryArb, bodyArb, headerArb).map(([pathValues, queryValues, body, headers]) => {
    let url = o.path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(wellFormed(pathValues[i])));
    });
    const query = new URLSearchParams();
    queryParams.forEach((p, i) => {
      if (queryValues[i] !== undefined) query.set(p.name, wellFormed(queryValues[i]));
    });
    const qs = query.toString();
    return { url: qs ? `${url}?${qs}` : url, body, headers };
  });
}

async function send(method: string, request: FuzzRequest, token: string): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers, authorization: `Bearer ${token}` };
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = JSON.stringify(request.body);
    headers["content-type"] = "application/json";
  }
  const res = await server.app.inject({ method: method.toUpperCase() as "GET", url: request.url, headers, payload });
  let body: unknown = null;
  try {
    body = res.body ? JSON.parse(res.body) : null;
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body, headers: res.headers };
}

/** The shop and till the requests use; a new one when a request locked them out (deactivated, deleted, maintenance). */
async function usableWorld(world: { shop: Shop; till: Till } | null) {
  if (world) {
    const checks = await Promise.all(
      [world.shop.admin, world.till.token].map((token) =>
        server.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } }),
      ),
    );
    if (checks.every((c) => c.statusCode === 200)) return world;
  }
  const shop = await newShop(server);
  return { shop, till: await openTill(shop) };
}

function knownIdsOf(world: { shop: Shop; till: Till }): string[] {
  const { demo } = world.shop;
  return [
    ...demo.productIds.slice(0, 3),
    ...Object.values(demo.taxes),
    ...Object.values(demo.terminals),
    ...Object.values(demo.numberings),
    ...Object.values(demo.clients),
    demo.adminId,
    demo.cashierId,
    world.till.deviceId,
  ].filter((id): id is string => typeof id === "string");
}

describe("fuzz every operation of the OpenAPI document", () => {
  it("answers documented statuses with documented bodies, never a 5xx", { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let world: { shop: Shop; till: Till } | null = null;
    let requests = 0;
    const statuses: Record<number, number> = {};
    const ops = operations();
    for (const [index, o] of ops.entries()) {
      world = await usableWorld(world);
      const ids = knownIdsOf(world);
      const samples = [false, true].map(
        (hostile) =>
          fc.sample(requestArbitrary(o, ids, hostile), { numRuns: 1, seed: SEED + index * 2 + Number(hostile) })[0],
      );
      for (const request of samples) {
        if (!request) continue;
        for (const token of [world.shop.admin, world.till.token]) {
          const res = await send(o.method, request, token);
          requests++;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const where = `${o.method.toUpperCase()} ${request.url.slice(0, 120)} ${JSON.stringify(request.body)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          const maintenance = res.status === 503 && res.body?.error?.code === "MAINTENANCE";
          if (res.status >= 500 && !maintenance) failures.push(`5xx: ${where}`);
          if (!(String(res.status) in (o.op.responses ?? {}))) failures.push(`undocumented status: ${where}`);
          if (res.status >= 400 && !apiErrorBodySchema.safeParse(res.body).success)
            failures.push(`error body: ${where}`);
          if (res.status === 204 && res.body !== null) failures.push(`204 with a body: ${where}`);
        }
      }
    }
    expect(ops.length).toBeGreaterThan(60);
    expect(requests).toBeLessThanOrEqual(ops.length * 4);
    console.info(`fuzz seed ${SEED}: ${requests} requests over ${ops.length} operations, statuses`, statuses);
    expect(failures, `seed ${SEED}`).toEqual([]);
  });

  it("text PostgreSQL cannot store (NUL) is a 400 with a code, never a 500, and nothing is written", async () => {
    const shop = await newShop(server);
    const token = shop.admin;
    const count = async () =>
      (
        await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM clients WHERE company_id = $1", [
          shop.demo.companyId,
        ])
      )[0]?.n;
    const before = await count();
    for (const [url, body] of [
      ["/api/clients", { name: "Ana\u0000", idType: "CC", idNumber: "1234567" }],
      ["/api/categories", { name: "Pan\u0000dulce" }],
    ] as const) {
      const res = await send("post", { url, body, headers: {} }, token);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(["DATA_INVALID", "VALIDATION_FAILED"]).toContain(res.body.error.code);
    }
    expect(await count()).toBe(before);
  });
});
