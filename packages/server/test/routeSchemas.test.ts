import Fastify from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { installErrorHandler } from "../src/app/errorHandler";
import { apiValidatorCompiler, idParams, responseSerializerCompiler } from "../src/http/routeSchemas";

/** A bare app with the project's compilers and error handler, and one route whose answer can drift. */
async function appWith(checkResponses: boolean, answer: unknown) {
  const app = Fastify();
  app.setValidatorCompiler(apiValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(checkResponses));
  installErrorHandler(app);
  app.withTypeProvider<ZodTypeProvider>().post(
    "/things/:id",
    {
      schema: {
        params: idParams("thing"),
        body: z.strictObject({ name: z.string().min(1) }),
        response: { 200: z.object({ id: z.string(), name: z.string() }) },
      },
    },
    async () => answer as { id: string; name: string },
  );
  await app.ready();
  return app;
}

const id = "0190a5b4-0000-7000-8000-000000000001";
const post = (app: Awaited<ReturnType<typeof appWith>>, url: string, body: unknown) =>
  app.inject({ method: "POST", url, payload: body as object });

describe("route schemas: requests validated into the project's errors, responses checked against the contract", () => {
  it("a bad body is 400 VALIDATION_FAILED naming the field; a malformed id is 404 '<what> not found'", async () => {
    const app = await appWith(true, { id, name: "x" });
    const bad = await post(app, `/things/${id}`, { name: "", extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION_FAILED");
    expect(bad.json().error.message).toMatch(/^invalid body: .*name.*unknown field\(s\): extra/);
    const badId = await post(app, "/things/nope", { name: "a" });
    expect(badId.statusCode).toBe(404);
    expect(badId.json().error).toEqual({ code: "NOT_FOUND", message: "thing not found" });
    expect((await post(app, `/things/${id}`, { name: "a" })).statusCode).toBe(200);
  });

  it("with checkResponses, an answer that drifts from its schema fails as a 500 instead of reaching the client", async () => {
    const drifting = { id, name: 42 };
    expect((await post(await appWith(true, drifting), `/things/${id}`, { name: "a" })).statusCode).toBe(500);
    const unchecked = await post(await appWith(false, drifting), `/things/${id}`, { name: "a" });
    expect(unchecked.statusCode).toBe(200);
    // Fields beyond the schema are sent as they are (never stripped).
    const extra = await post(await appWith(true, { id, name: "a", more: true }), `/things/${id}`, { name: "a" });
    expect(extra.json()).toEqual({ id, name: "a", more: true });
  });
});
