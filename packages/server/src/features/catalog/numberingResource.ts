import { numberingInputSchema, numberingKindProblem, numberingPatchSchema, numberingSchema } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { ApiError } from "../../http/apiError";
import { plain, rowsOf } from "./definitionHelpers";
import type { ResourceDefinition } from "./resourceDefinition";

/** A DEE POS numbering's contingency numbering exists and is of kind "contingency" (issue 19). */
async function mustBeContingencyNumbering(tx: Queryable, companyId: string, id: unknown) {
  if (id === null || id === undefined) return;
  const rows = await tx.query("SELECT kind FROM numberings WHERE company_id = $1 AND id = $2", [companyId, id]);
  if (rows[0]?.kind !== "contingency")
    throw new ApiError(400, "VALIDATION_FAILED", "contingencyNumberingId: not a numbering of kind contingency");
}

/** Numberings ("resoluciones"): ranges whose numbers, once handed out, never go back. */
export const numberingsResource: ResourceDefinition = {
  path: "numberings",
  table: "numberings",
  entity: "numberings",
  label: "numbering",
  createSchema: numberingInputSchema,
  rowSchema: numberingSchema,
  patchSchema: numberingPatchSchema,
  fields: plain(
    "name",
    "prefix",
    "rangeFrom",
    "rangeTo",
    "nextNumber",
    "validFrom",
    "validUntil",
    "electronic",
    "resolution",
    "blockSize",
    "maxUnusedPerDevice",
    "active",
    "kind",
    "dianAuthorization",
    "contingencyNumberingId",
  ),
  searchColumns: ["name", "prefix"],
  orderBy: "name",
  references: [
    rowsOf("terminal", "terminals", "numbering_id = $2"),
    rowsOf("invoice", "invoices", "numbering_id = $2"),
    rowsOf("number block", "number_blocks", "numbering_id = $2"),
    rowsOf("DEE POS numbering", "numberings", "contingency_numbering_id = $2"),
  ],
  cashierMayRead: true,
  cashierMayCreate: false,
  prepare: async (input, existing) =>
    existing || input.nextNumber !== undefined ? input : { ...input, nextNumber: input.rangeFrom },
  check: async (tx, companyId, v) => {
    const from = Number(v.rangeFrom);
    const to = Number(v.rangeTo);
    const next = Number(v.nextNumber);
    if (to < from) throw new ApiError(400, "VALIDATION_FAILED", "rangeTo must be >= rangeFrom");
    if (next < from || next > to + 1)
      throw new ApiError(400, "VALIDATION_FAILED", "nextNumber must lie within rangeFrom..rangeTo+1");
    if (String(v.validUntil) < String(v.validFrom))
      throw new ApiError(400, "VALIDATION_FAILED", "validUntil must be >= validFrom");
    // The whole numbering after a patch too: a kind that does not fit the rest (a DEE POS numbering
    // without its DIAN authorization, or not electronic) is refused with the field to fix.
    const problem = numberingKindProblem({
      kind: String(v.kind),
      electronic: Boolean(v.electronic),
      dianAuthorization: (v.dianAuthorization as string | null | undefined) ?? null,
      contingencyNumberingId: (v.contingencyNumberingId as string | null | undefined) ?? null,
    });
    if (problem) throw new ApiError(400, "VALIDATION_FAILED", `${problem.path}: ${problem.message}`);
    await mustBeContingencyNumbering(tx, companyId, v.contingencyNumberingId);
  },
  // Numbers already handed out (leased or used) can never be handed out again.
  checkUpdate: async (tx, companyId, id, v) => {
    const rows = await tx.query<{ next_number: number; range_from: number }>(
      "SELECT next_number, range_from FROM numberings WHERE company_id = $1 AND id = $2",
      [companyId, id],
    );
    const current = rows[0];
    if (!current) return;
    if (Number(v.nextNumber) < Number(current.next_number))
      throw new ApiError(
        409,
        "CONFLICT",
        `nextNumber cannot go back: numbers below ${current.next_number} were already handed out`,
      );
    if (Number(v.rangeTo) < Number(current.next_number) - 1)
      throw new ApiError(
        409,
        "CONFLICT",
        `rangeTo cannot end before ${Number(current.next_number) - 1}, already handed out`,
      );
    if (Number(v.rangeFrom) !== Number(current.range_from) && Number(current.next_number) > Number(current.range_from))
      throw new ApiError(409, "CONFLICT", "rangeFrom cannot change once numbers were handed out");
  },
};
