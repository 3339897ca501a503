import fc from "fast-check";

/**
 * Requests made from the OpenAPI document itself (JSON Schema 2020-12 of OpenAPI 3.1), so a
 * fuzz test reaches every operation with what the document promises to accept, and with junk.
 */
// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema is walked key by key
export type JsonSchema = Record<string, any>;

/** Strings a hostile client sends: NUL and control characters, SQL, huge and odd texts. */
export const hostileString = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[2J",
  "' OR 1=1--",
  "x".repeat(5000),
  "",
  " ",
  "😀🇨🇴",
  "\ud800",
  "%00",
  "../../etc/passwd",
  "1e309",
  "-0",
);

/** Junk of any shape: wrong types, hostile strings, extreme numbers. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, -1, 0, 1e21, -1e21, 2 ** 63, 1.5, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

export interface SchemaArbitraryOptions {
  /** Ids known to exist (so some references resolve); random UUIDs are mixed in. */
  knownIds: string[];
}

const isoDate = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A value the schema accepts (as far as the keywords it uses are understood). */
export function arbitraryFor(schema: JsonSchema, options: SchemaArbitraryOptions, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || Object.keys(schema).length === 0) return fc.jsonValue({ maxDepth: 1 });
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) return fc.oneof(...variants.map((v: JsonSchema) => arbitraryFor(v, options, depth)));
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((t: string) => arbitraryFor({ ...schema, type: t }, options, depth)));
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = Math.max(schema.minimum ?? -1_000_000, schema.exclusiveMinimum ?? -Infinity, -1e12);
      const max = Math.min(schema.maximum ?? 1_000_000, schema.exclusiveMaximum ?? Infinity, 1e12);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case "number": {
      const min = Math.max(schema.minimum ?? -1_000_000, schema.exclusiveMinimum ?? -Infinity);
      const max = Math.min(schema.maximum ?? 1_000_000, schema.exclusiveMaximum ?? Infinity);
      return fc
        .integer({ min: Math.ceil(min), max: Math.floor(max) })
        .filter((n) => n > (schema.exclusiveMinimum ?? -Infinity));
    }
    case "string":
      return stringFor(schema, options);
    case "array": {
      const maxLength = Math.min(schema.maxItems ?? 3, depth > 1 ? 1 : 3);
      const minLength = Math.min(schema.minItems ?? 0, maxLength);
      return fc.array(arbitraryFor(schema.items ?? {}, options, depth + 1), { minLength, maxLength });
    }
    case "object": {
      const properties: Record<string, JsonSchema> = schema.properties ?? {};
      const required: string[] = schema.required ?? [];
      if (Object.keys(properties).length === 0 && schema.additionalProperties)
        return fc.dictionary(
          stringFor(schema.propertyNames ?? { type: "string", maxLength: 10 }, options),
          arbitraryFor(schema.additionalProperties, options, depth + 1),
          { maxKeys: 2 },
        );
      const model = Object.fromEntries(
        Object.entries(properties).map(([k, v]) => [k, arbitraryFor(v, options, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: required.filter((k) => k in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function stringFor(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  if (schema.format === "uuid") return fc.oneof(fc.constantFrom(...options.knownIds), fc.uuid({ version: [4, 7] }));
  if (schema.format === "date-time") return isoDate;
  if (schema.format === "date") return isoDate.map((d) => d.slice(0, 10));
  if (schema.format === "email") return fc.emailAddress();
  if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern), { size: "xsmall" });
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 20, 20));
  return fc.string({ minLength, maxLength }).filter((s) => s.trim().length >= minLength);
}

/** A valid value with one field, at any depth, replaced by junk (or junk outright when it is not an object). */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, junk, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }))
    .map(([value, bad, picks]) => replaceAt(value, bad, picks));
}

function replaceAt(value: unknown, bad: unknown, picks: number[]): unknown {
  const [pick = 0, ...rest] = picks;
  if (Array.isArray(value)) {
    if (value.length === 0) return [bad];
    const i = pick % value.length;
    return value.map((v, j) => (j === i ? (rest.length ? replaceAt(v, bad, rest) : bad) : v));
  }
  if (!value || typeof value !== "object") return bad;
  const keys = Object.keys(value);
  if (keys.length === 0) return { unexpected: bad };
  const key = keys[pick % keys.length] as string;
  const child = (value as Record<string, unknown>)[key];
  const deeper = rest.length > 0 && child !== null && typeof child === "object";
  return { ...value, [key]: deeper ? replaceAt(child, bad, rest) : bad };
}
