import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "./support/testServer";

const server = useTestServer();
let document: OpenAPIV3_1.Document;
beforeAll(async () => {
  const res = await server.app.inject({ method: "GET", url: "/api/docs/json" });
  expect(res.statusCode).toBe(200);
  document = res.json();
});

const operations = () =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "patch", "delete", "put"] as const)
      .filter((m) => item?.[m])
      .map((m) => ({ path, method: m, op: item?.[m] as OpenAPIV3_1.OperationObject })),
  );

describe("the OpenAPI document (GET /api/docs/json)", () => {
  it("is valid OpenAPI 3.1 for a standard validator", async () => {
    // validate() dereferences in place: give it a copy.
    const api = (await SwaggerParser.validate(structuredClone(document) as never)) as OpenAPIV3_1.Document;
    expect(api.openapi).toBe("3.1.0");
  });

  it("documents every operation's input and every answer, with the one error body", () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, where).toBeTruthy();
      const statuses = Object.keys(op.responses ?? {});
      expect(
        statuses.some((s) => s.startsWith("2")),
        `${where} success`,
      ).toBe(true);
      expect(statuses, where).toContain("500");
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        const response = op.responses?.[status] as OpenAPIV3_1.ResponseObject;
        const schema = response.content?.["application/json"]?.schema;
        expect(JSON.stringify(schema), `${where} ${status}`).toContain('"message"');
      }
      if (path.includes("{id}"))
        expect(
          op.parameters?.some((p) => "in" in p && p.in === "path"),
          where,
        ).toBe(true);
      if (method === "post" || method === "patch") {
        const hasBody = Boolean(op.requestBody);
        const bodyless = /logout|release-numbers|revoke|retire|resend/.test(path);
        expect(hasBody || bodyless, `${where} request body`).toBe(true);
      }
    }
  });

  it("says money is in centavos and has no plural typos", () => {
    const text = JSON.stringify(document);
    expect(text).toContain("centavos");
    const product = document.paths?.["/api/products"]?.post?.requestBody as OpenAPIV3_1.RequestBodyObject;
    expect(JSON.stringify(product.content["application/json"]?.schema)).toMatch(/"price":\{[^}]*centavos/);
    const summaries = operations().map((o) => o.op.summary ?? "");
    expect(summaries).toContain("List taxes");
    expect(summaries).toContain("List categories");
    expect(summaries).toContain("List price lists");
    expect(summaries.filter((s) => /\b\w+(ys|xs)\b/.test(s))).toEqual([]);
  });

  it("shows each pushed invoice as an InvoiceDocument although items are parsed one by one", () => {
    const push = document.paths?.["/api/sync/push"]?.post?.requestBody as OpenAPIV3_1.RequestBodyObject;
    const schema = push.content["application/json"]?.schema as OpenAPIV3_1.SchemaObject;
    const invoices = schema.properties?.invoices as OpenAPIV3_1.ArraySchemaObject;
    const items = invoices.items as OpenAPIV3_1.SchemaObject;
    expect(items.required).toEqual(expect.arrayContaining(["id", "revision", "lines", "payments", "totals"]));
  });
});
