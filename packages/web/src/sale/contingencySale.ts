import type { Numbering, Terminal } from "@mostrador/domain";

/**
 * Issuer contingency (issue 19): the numbering a DEE POS till sells with while offline, or null when
 * it may not (then "Facturar" is refused offline, as before). A DEE POS numbering that names an
 * active contingency numbering the till has, on a terminal that does not block offline invoicing on
 * electronic numberings.
 */
export function contingencyNumberingFor(
  numbering: Numbering,
  terminal: Pick<Terminal, "blockOfflineElectronic">,
  contingency: Numbering | undefined,
): Numbering | null {
  if (numbering.kind !== "dee_pos" || !numbering.contingencyNumberingId) return null;
  if (terminal.blockOfflineElectronic) return null;
  if (!contingency || contingency.id !== numbering.contingencyNumberingId) return null;
  if (contingency.kind !== "contingency" || contingency.electronic || !contingency.active) return null;
  return contingency;
}

/** The selling data with another numbering (the context the invoice records included). */
export function withNumbering<T extends { numbering: Numbering; context: { numbering: Numbering } }>(
  data: T,
  numbering: Numbering,
): T {
  return numbering === data.numbering ? data : { ...data, numbering, context: { ...data.context, numbering } };
}

/**
 * What "Facturar" numbers with right now: the terminal's numbering online, its contingency
 * numbering offline (a paper ticket from the device's leased block), else the terminal's (whose
 * electronic rule then refuses offline).
 */
export function sellingNumbering<T extends { numbering: Numbering; contingencyNumbering: Numbering | null }>(
  data: T,
  online: boolean,
  /** "Editar" of an invoice in error: a contingency ticket stays one (the customer holds its paper number). */
  editedNumberingId?: string,
): Numbering {
  if (data.contingencyNumbering && editedNumberingId === data.contingencyNumbering.id) return data.contingencyNumbering;
  return !online && data.contingencyNumbering ? data.contingencyNumbering : data.numbering;
}
