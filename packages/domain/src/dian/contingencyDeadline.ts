/**
 * The issuer contingency's deadline (issue 19): a ticket sold while the till could not reach the
 * server must reach the DIAN as an electronic document within 48 hours counted from the end of the
 * outage — the first successful sync of the till that issued it (Res. 000165/2023, annex for the
 * electronic equivalent documents, "contingencia del facturador electrónico": transmit within the
 * 48 hours after the failure is overcome). Pure: the server stores the instants, the back office
 * colours them.
 */
export const CONTINGENCY_DEADLINE_HOURS = 48;
/** With this many hours left (or fewer) the back office warns (amber). */
export const CONTINGENCY_WARNING_HOURS = 24;

const HOUR_MS = 3_600_000;

/** deadlineAt = outageEndedAt + 48 h, as an ISO instant. */
export function contingencyDeadlineAt(outageEndedAt: string): string {
  const ended = Date.parse(outageEndedAt);
  if (Number.isNaN(ended)) throw new RangeError(`not an instant: ${outageEndedAt}`);
  return new Date(ended + CONTINGENCY_DEADLINE_HOURS * HOUR_MS).toISOString();
}

export type ContingencyDeadlineStatus = "on_time" | "due_soon" | "overdue" | "done";

/**
 * Where a contingency document stands against its deadline at `now`: done once the DIAN accepted
 * it (or it was sent before the deadline and is waiting for the answer: the transmission is what
 * the deadline asks for), overdue past the deadline, due_soon with 24 hours or less left.
 */
export function contingencyDeadlineStatus(input: {
  deadlineAt: string;
  now: string | Date;
  /** When the document reached the DIAN (sent or accepted); null while not transmitted. */
  transmittedAt?: string | null;
}): ContingencyDeadlineStatus {
  const deadline = Date.parse(input.deadlineAt);
  if (input.transmittedAt && Date.parse(input.transmittedAt) <= deadline) return "done";
  const now = typeof input.now === "string" ? Date.parse(input.now) : input.now.getTime();
  if (now > deadline) return "overdue";
  if (deadline - now <= CONTINGENCY_WARNING_HOURS * HOUR_MS) return "due_soon";
  return "on_time";
}

/** Whole hours left before the deadline (negative once overdue), for "quedan 5 h". */
export function contingencyHoursLeft(deadlineAt: string, now: string | Date): number {
  const at = typeof now === "string" ? Date.parse(now) : now.getTime();
  const left = (Date.parse(deadlineAt) - at) / HOUR_MS;
  return left >= 0 ? Math.floor(left) : -Math.ceil(-left);
}
