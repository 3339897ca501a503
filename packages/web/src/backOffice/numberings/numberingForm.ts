import {
  type Numbering,
  type NumberingKind,
  numberingInputSchema,
  numberingKindProblem,
  numberingPatchSchema,
} from "@mostrador/domain";
import type { FieldProblem } from "../shared/formErrors";

/** What the numbering form holds: numbers as typed (text), empty text for "none". */
export interface NumberingValues extends Record<string, unknown> {
  name: string;
  kind: NumberingKind;
  prefix: string;
  rangeFrom: string;
  rangeTo: string;
  nextNumber: string;
  validFrom: string;
  validUntil: string;
  resolution: string;
  dianAuthorization: string;
  electronic: boolean;
  contingencyNumberingId: string;
  blockSize: string;
  maxUnusedPerDevice: string;
  active: boolean;
}

export const emptyNumberingValues: NumberingValues = {
  name: "",
  kind: "invoice",
  prefix: "",
  rangeFrom: "",
  rangeTo: "",
  nextNumber: "",
  validFrom: "",
  validUntil: "",
  resolution: "",
  dianAuthorization: "",
  electronic: false,
  contingencyNumberingId: "",
  blockSize: "",
  maxUnusedPerDevice: "",
  active: true,
};

/**
 * The value `electronic` must have for a kind (the domain's numberingKindProblem decides), or null
 * when the owner chooses: DEE POS is always electronic, credit notes and contingency never are.
 */
export function electronicFixedFor(kind: NumberingKind): boolean | null {
  const allowed = [true, false].filter(
    (electronic) => numberingKindProblem({ kind, electronic, dianAuthorization: "1" })?.path !== "electronic",
  );
  return allowed.length === 1 ? (allowed[0] ?? null) : null;
}

/** The form after the owner picks a kind: `electronic` forced where the kind fixes it. */
export function withKind(values: NumberingValues, kind: NumberingKind): NumberingValues {
  const fixed = electronicFixedFor(kind);
  return { ...values, kind, electronic: fixed ?? values.electronic };
}

/** Typed digits → a whole number; "" → `empty`; anything else NaN (the schema says "a number"). */
export function wholeNumberOf<E>(text: string, empty: E): number | E {
  const t = text.trim();
  if (!t) return empty;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

export function numberingToValues(n: Numbering): NumberingValues {
  return {
    name: n.name,
    kind: n.kind,
    prefix: n.prefix,
    rangeFrom: String(n.rangeFrom),
    rangeTo: String(n.rangeTo),
    nextNumber: String(n.nextNumber),
    validFrom: n.validFrom,
    validUntil: n.validUntil,
    resolution: n.resolution,
    dianAuthorization: n.dianAuthorization ?? "",
    electronic: n.electronic,
    contingencyNumberingId: n.contingencyNumberingId ?? "",
    blockSize: n.blockSize === null ? "" : String(n.blockSize),
    maxUnusedPerDevice: n.maxUnusedPerDevice === null ? "" : String(n.maxUnusedPerDevice),
    active: n.active,
  };
}

/** The request body: nextNumber only when creating (empty: the range's start), the contingency only for DEE POS. */
export function numberingValuesToInput(v: NumberingValues, row: Numbering | null): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: v.name,
    kind: v.kind,
    prefix: v.prefix,
    rangeFrom: wholeNumberOf(v.rangeFrom, undefined),
    rangeTo: wholeNumberOf(v.rangeTo, undefined),
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    resolution: v.resolution,
    dianAuthorization: v.dianAuthorization.trim() || null,
    electronic: electronicFixedFor(v.kind) ?? v.electronic,
    contingencyNumberingId: v.kind === "dee_pos" ? v.contingencyNumberingId || null : null,
    blockSize: wholeNumberOf(v.blockSize, null),
    maxUnusedPerDevice: wholeNumberOf(v.maxUnusedPerDevice, null),
    active: v.active,
  };
  if (!row) {
    const next = wholeNumberOf(v.nextNumber, undefined);
    if (next !== undefined) body.nextNumber = next;
  }
  return body;
}

/** A change of a whole numbering (the form sends every field): the same range, dates and kind rules as a new one. */
export const numberingEditSchema = numberingPatchSchema.superRefine((n, ctx) => {
  if (n.rangeFrom !== undefined && n.rangeTo !== undefined && n.rangeTo < n.rangeFrom)
    ctx.addIssue({ code: "custom", path: ["rangeTo"], message: "rangeTo must be >= rangeFrom" });
  if (n.validFrom !== undefined && n.validUntil !== undefined && n.validUntil < n.validFrom)
    ctx.addIssue({ code: "custom", path: ["validUntil"], message: "validUntil must be >= validFrom" });
  const problem = numberingKindProblem(n);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
});

export const numberingSchemaFor = (row: Numbering | null) => (row ? numberingEditSchema : numberingInputSchema);

/**
 * The domain's own rules (range, dates, kind) come back as free English text: shown as the field's
 * own Spanish/English hint instead ("format" shows a Field's formatHint).
 */
export function numberingProblem(problem: FieldProblem | undefined): FieldProblem | undefined {
  return problem?.rule === "other" ? { rule: "format" } : problem;
}
