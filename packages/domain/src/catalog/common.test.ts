import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MONEY, moneySchema, multilineTextSchema, nameSchema, quantitySchema, textSchema } from "./common";

describe("text fields refuse what PostgreSQL cannot store", () => {
  it.each([
    ["NUL", "Pan\u0000"],
    ["bell", "a\u0007b"],
    ["escape", "\u001b[31m"],
    ["DEL", "x\u007f"],
    ["C1", "x\u0085y"],
    ["lone high surrogate", "a\ud800b"],
    ["lone low surrogate", "\udc00"],
  ])("%s → a field error", (_what, text) => {
    const result = nameSchema.safeParse(text);
    expect(result.success).toBe(false);
  });

  it("line breaks only in multi-line text", () => {
    expect(textSchema(100).safeParse("a\nb").success).toBe(false);
    expect(multilineTextSchema(100).safeParse("Calle 1\nBarrio 2\tapto").success).toBe(true);
    expect(multilineTextSchema(100).safeParse("a\u0000").success).toBe(false);
  });

  it("ordinary Spanish text, emoji and pairs of surrogates pass unchanged", () => {
    for (const s of ["Café con leche ñandú", "Pedro Osorio 🙂", "Ñ"]) expect(nameSchema.parse(s)).toBe(s);
  });

  it("any string without control characters or lone surrogates is accepted as is (trimmed)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 50 }), (s) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
        const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim();
        if (!clean) return;
        expect(nameSchema.parse(clean)).toBe(clean);
      }),
    );
  });
});

describe("numeric bounds", () => {
  it("money is bounded by MAX_MONEY", () => {
    expect(moneySchema.safeParse(MAX_MONEY).success).toBe(true);
    expect(moneySchema.safeParse(MAX_MONEY + 1).success).toBe(false);
  });
  it("a quantity that rounds to 0 thousandths is refused", () => {
    expect(quantitySchema.safeParse(1e-10).success).toBe(false);
    expect(quantitySchema.safeParse(0.001).success).toBe(true);
  });
});
