import type { Queryable } from "../../db/database";
import { notFound } from "../../http/apiError";

/** Consecutive numbers as compact ranges: [1,2,3,7] → "1-3, 7". */
export function toRanges(numbers: number[]): { from: number; to: number }[] {
  const sorted = [...numbers].sort((a, b) => a - b);
  const out: { from: number; to: number }[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last.to + 1) last.to = n;
    else if (!last || n > last.to) out.push({ from: n, to: n });
  }
  return out;
}

/**
 * numberingReport: every number of a numbering is exactly one of used (an accepted invoice or credit note),
 * voided (a voided invoice, or a number an invoice in error gave up), released (given back
 * unused by an admin), unused (leased, still available to its device) or not leased yet.
 */
export async function numberingReport(db: Queryable, companyId: string, numberingId: string) {
  const numberings = await db.query("SELECT * FROM numberings WHERE company_id = $1 AND id = $2", [
    companyId,
    numberingId,
  ]);
  const n = numberings[0];
  if (!n) throw notFound("numbering");
  const [blocks, invoices, voided] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT b.*, d.terminal_id, t.name AS terminal_name FROM number_blocks b
         LEFT JOIN devices d ON d.company_id = b.company_id AND d.id = b.device_id
         LEFT JOIN terminals t ON t.company_id = d.company_id AND t.id = d.terminal_id
        WHERE b.company_id = $1 AND b.numbering_id = $2 ORDER BY b.range_from`,
      [companyId, numberingId],
    ),
    db.query<{ number: number; status: string }>(
      "SELECT number, status FROM invoices WHERE company_id = $1 AND numbering_id = $2 AND status IN ('accepted', 'voided') AND claims_number",
      [companyId, numberingId],
    ),
    db.query<{ number: number }>("SELECT number FROM voided_numbers WHERE company_id = $1 AND numbering_id = $2", [
      companyId,
      numberingId,
    ]),
  ]);
  // A credit-note numbering's numbers are used by credit notes.
  const creditNotes = await db.query<{ number: number }>(
    "SELECT number FROM credit_notes WHERE company_id = $1 AND numbering_id = $2",
    [companyId, numberingId],
  );
  const used = new Set([
    ...invoices.filter((i) => i.status === "accepted").map((i) => Number(i.number)),
    ...creditNotes.map((c) => Number(c.number)),
  ]);
  const voidedSet = new Set([
    ...invoices.filter((i) => i.status === "voided").map((i) => Number(i.number)),
    ...voided.map((v) => Number(v.number)),
  ]);
  const totals = { used: 0, voided: 0, released: 0, unused: 0 };
  const blockReports = blocks.map((b) => {
    const from = Number(b.range_from);
    const to = Number(b.range_to);
    const releasedFrom = b.released_from == null ? null : Number(b.released_from);
    const r = { used: [] as number[], voided: [] as number[], released: [] as number[], unused: [] as number[] };
    for (let x = from; x <= to; x++) {
      if (used.has(x)) r.used.push(x);
      else if (voidedSet.has(x)) r.voided.push(x);
      else if (releasedFrom !== null && x >= releasedFrom) r.released.push(x);
      else r.unused.push(x);
    }
    totals.used += r.used.length;
    totals.voided += r.voided.length;
    totals.released += r.released.length;
    totals.unused += r.unused.length;
    return {
      id: String(b.id),
      deviceId: String(b.device_id),
      terminalId: b.terminal_id ? String(b.terminal_id) : null,
      terminalName: b.terminal_name ? String(b.terminal_name) : null,
      rangeFrom: from,
      rangeTo: to,
      leasedAt: b.leased_at instanceof Date ? b.leased_at.toISOString() : String(b.leased_at),
      counts: { used: r.used.length, voided: r.voided.length, released: r.released.length, unused: r.unused.length },
      used: toRanges(r.used),
      voided: toRanges(r.voided),
      released: toRanges(r.released),
      unused: toRanges(r.unused),
    };
  });
  const rangeFrom = Number(n.range_from);
  const rangeTo = Number(n.range_to);
  const nextNumber = Number(n.next_number);
  return {
    numbering: {
      id: String(n.id),
      name: String(n.name),
      prefix: String(n.prefix),
      rangeFrom,
      rangeTo,
      nextNumber,
      electronic: Boolean(n.electronic),
    },
    totals: { ...totals, notLeased: rangeTo - nextNumber + 1, total: rangeTo - rangeFrom + 1 },
    // Electronic numberings are not leased: their used numbers are counted here.
    usedOutsideBlocks: toRanges(
      [...used].filter((x) => !blocks.some((b) => x >= Number(b.range_from) && x <= Number(b.range_to))),
    ),
    blocks: blockReports,
  };
}
