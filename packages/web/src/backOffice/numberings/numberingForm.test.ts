import { describe, expect, test } from "vitest";
import {
  electronicFixedFor,
  emptyNumberingValues,
  type NumberingValues,
  numberingEditSchema,
  numberingProblem,
  numberingSchemaFor,
  numberingValuesToInput,
  wholeNumberOf,
  withKind,
} from "./numberingForm";

const filled = (over: Partial<NumberingValues> = {}): NumberingValues => ({
  ...emptyNumberingValues,
  name: "POS 2027",
  prefix: "POS",
  rangeFrom: "1",
  rangeTo: "5000",
  validFrom: "2026-01-01",
  validUntil: "2027-12-31",
  ...over,
});

describe("numbering form", () => {
  test("the kind fixes `electronic` as the domain says: DEE POS always, credit notes and contingency never", () => {
    expect(electronicFixedFor("dee_pos")).toBe(true);
    expect(electronicFixedFor("credit_note")).toBe(false);
    expect(electronicFixedFor("contingency")).toBe(false);
    expect(electronicFixedFor("invoice")).toBeNull();
  });

  test("picking a kind forces `electronic`; a free kind keeps what was chosen", () => {
    expect(withKind(filled({ electronic: false }), "dee_pos").electronic).toBe(true);
    expect(withKind(filled({ electronic: true }), "contingency").electronic).toBe(false);
    expect(withKind(filled({ electronic: true }), "invoice").electronic).toBe(true);
  });

  test("typed numbers: digits → number, empty → the field's 'none', anything else NaN", () => {
    expect(wholeNumberOf(" 42 ", null)).toBe(42);
    expect(wholeNumberOf("", null)).toBeNull();
    expect(wholeNumberOf("", undefined)).toBeUndefined();
    expect(wholeNumberOf("4,5", null)).toBeNaN();
  });

  test("a new numbering: the body passes the domain's schema; nextNumber only when typed", () => {
    const body = numberingValuesToInput(filled(), null);
    expect(body).not.toHaveProperty("nextNumber");
    const parsed = numberingSchemaFor(null).safeParse(body);
    expect(parsed.success).toBe(true);
    expect(numberingValuesToInput(filled({ nextNumber: "100" }), null).nextNumber).toBe(100);
  });

  test("to < from is a problem on rangeTo, shown with the field's own hint", () => {
    const parsed = numberingSchemaFor(null).safeParse(numberingValuesToInput(filled({ rangeTo: "0" }), null));
    expect(parsed.success).toBe(false);
    const reversed = numberingSchemaFor(null).safeParse(
      numberingValuesToInput(filled({ rangeFrom: "500", rangeTo: "100" }), null),
    );
    expect(reversed.success ? [] : reversed.error.issues.map((i) => i.path.join("."))).toEqual(["rangeTo"]);
    expect(numberingProblem({ rule: "other", detail: "rangeTo must be >= rangeFrom" })).toEqual({ rule: "format" });
    expect(numberingProblem({ rule: "required" })).toEqual({ rule: "required" });
  });

  test("a change is checked like a new one (range, dates, kind) and never sends nextNumber", () => {
    const row = { id: "x" } as Parameters<typeof numberingValuesToInput>[1];
    const body = numberingValuesToInput(filled({ nextNumber: "9", rangeFrom: "10", rangeTo: "5" }), row);
    expect(body).not.toHaveProperty("nextNumber");
    const parsed = numberingEditSchema.safeParse(body);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual(["rangeTo"]);
    const dates = numberingEditSchema.safeParse(
      numberingValuesToInput(filled({ validFrom: "2027-01-01", validUntil: "2026-01-01" }), row),
    );
    expect(dates.success ? [] : dates.error.issues.map((i) => i.path.join("."))).toEqual(["validUntil"]);
  });

  test("DEE POS needs the DIAN authorization and may name a contingency numbering; other kinds send none", () => {
    const contingencyId = "0b7c1f3e-8f0a-4c1e-9a55-2f0d7f3a9b11";
    const deePos = filled({ kind: "dee_pos", electronic: true, contingencyNumberingId: contingencyId });
    const missing = numberingSchemaFor(null).safeParse(numberingValuesToInput(deePos, null));
    expect(missing.success ? [] : missing.error.issues.map((i) => i.path.join("."))).toEqual(["dianAuthorization"]);
    const body = numberingValuesToInput({ ...deePos, dianAuthorization: "18764000001" }, null);
    expect(body.contingencyNumberingId).toBe(contingencyId);
    expect(body.electronic).toBe(true);
    expect(numberingSchemaFor(null).safeParse(body).success).toBe(true);
    const invoice = numberingValuesToInput({ ...deePos, kind: "invoice" }, null);
    expect(invoice.contingencyNumberingId).toBeNull();
  });
});
