import { z } from "zod";

/**
 * The shared zod schema as JSON Schema for the OpenAPI description only: requests are
 * validated by zod itself (see buildApp), so docs and checks can never disagree.
 */
export function docSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    const json = z.toJSONSchema(schema, { target: "draft-7", unrepresentable: "any", io: "input" }) as Record<
      string,
      unknown
    >;
    delete json.$schema;
    return json;
  } catch {
    return { type: "object" };
  }
}
