import { categoryInputSchema, clientInputSchema, productInputSchema } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { TransportError } from "../../api/transportErrors";
import { problemsOfIssues, saveFailureOf } from "./formErrors";

function issuesOf(result: { success: boolean; error?: { issues: unknown[] } }) {
  if (result.success || !result.error) throw new Error("expected the schema to refuse the input");
  return result.error.issues as Parameters<typeof problemsOfIssues>[0];
}

function answer(status: number, code: string, details?: unknown, message = "refused") {
  return new TransportError(status >= 500 ? "server" : status === 401 ? "unauthenticated" : "client", message, {
    status,
    code,
    body: { error: { code, message, details } },
  });
}

const productFields = ["name", "reference", "barcode", "categoryId", "price", "taxId"];

describe("the domain's input schemas, in the owner's words", () => {
  it("an empty name is required, a missing tax must be chosen, cents must be whole", () => {
    const problems = problemsOfIssues(
      issuesOf(productInputSchema.safeParse({ name: "  ", price: 10.5, taxId: "", reference: "" })),
    );
    expect(problems).toEqual({
      name: { rule: "required" },
      price: { rule: "wholeNumber" },
      taxId: { rule: "choose" },
    });
  });

  it("too long, bad email, bad id number format", () => {
    const problems = problemsOfIssues(
      issuesOf(
        clientInputSchema.safeParse({ name: "x".repeat(201), idType: "CC", idNumber: "1", email: "no-es-correo" }),
      ),
    );
    expect(problems).toEqual({
      name: { rule: "tooLong", max: 200 },
      idNumber: { rule: "format" },
      email: { rule: "email" },
    });
  });

  it("control characters are named as such", () => {
    expect(problemsOfIssues(issuesOf(categoryInputSchema.safeParse({ name: "Pan\u0007" })))).toEqual({
      name: { rule: "characters" },
    });
  });
});

describe("the NIT rule (domain clientIdNumberProblem, from bo-server)", () => {
  it("a wrong check digit names the right one; a badly written NIT shows the format hint", () => {
    const issue = (message: string) => ({ code: "custom", path: ["idNumber"], message });
    expect(problemsOfIssues([issue("the NIT's check digit is wrong: 900123456 ends in -8")])).toEqual({
      idNumber: { rule: "nitCheckDigit", digit: "8" },
    });
    expect(problemsOfIssues([issue("a NIT is written as digits, '-' and its check digit, e.g. 900123456-8")])).toEqual({
      idNumber: { rule: "format" },
    });
  });
});

describe("the server's refusals, mapped to the form", () => {
  it("400 details land next to their fields; unknown paths go to the form", () => {
    const failure = saveFailureOf(
      answer(400, "VALIDATION_FAILED", [
        { path: "price", message: "Too big" },
        { path: "stock.x", message: "bad" },
      ]),
      productFields,
    );
    expect(failure).toEqual({
      kind: "fields",
      problems: { price: { rule: "other", detail: "Too big" }, "": { rule: "other", detail: "bad" } },
      message: "refused",
    });
  });

  it("a check named in the message (no details) lands on its field", () => {
    const failure = saveFailureOf(
      answer(400, "VALIDATION_FAILED", undefined, "categoryId: no such category"),
      productFields,
    );
    expect(failure).toMatchObject({
      kind: "fields",
      problems: { categoryId: { rule: "other", detail: "no such category" } },
    });
  });

  it("409 DUPLICATE marks the duplicated field", () => {
    const failure = saveFailureOf(answer(409, "DUPLICATE", [{ path: "barcode", message: "taken" }]), productFields);
    expect(failure).toMatchObject({ kind: "fields", problems: { barcode: { rule: "duplicate" } } });
  });

  it("409 CONFLICT carries the row as it is now; without it, it is a plain message", () => {
    const current = { id: "p1", version: 9 };
    expect(saveFailureOf(answer(409, "CONFLICT", { current }), productFields)).toEqual({ kind: "conflict", current });
    expect(saveFailureOf(answer(409, "CONFLICT"), productFields)).toEqual({ kind: "other", message: "refused" });
  });

  it("WEAK_PASSWORD goes to the password field by rule", () => {
    expect(
      saveFailureOf(answer(400, "WEAK_PASSWORD", { field: "password", rule: "common" }), ["password"]),
    ).toMatchObject({ problems: { password: { rule: "commonPassword" } } });
    expect(saveFailureOf(answer(400, "WEAK_PASSWORD", { rule: "min_length" }), ["password"])).toMatchObject({
      problems: { password: { rule: "tooShort", min: 10 } },
    });
  });

  it("no answer, an ended session, IN_USE and SELF_CHANGE", () => {
    expect(saveFailureOf(new TransportError("network", "down"), productFields)).toEqual({ kind: "unreachable" });
    expect(saveFailureOf(new TransportError("timeout", "slow"), productFields)).toEqual({ kind: "unreachable" });
    expect(saveFailureOf(answer(401, "TOKEN_EXPIRED"), productFields)).toEqual({ kind: "session" });
    expect(saveFailureOf(answer(409, "IN_USE", undefined, "used by 3 products"), productFields)).toEqual({
      kind: "inUse",
      message: "used by 3 products",
    });
    expect(saveFailureOf(answer(409, "SELF_CHANGE"), productFields)).toEqual({ kind: "selfChange" });
  });
});
