/**
 * The arithmetic of number blocks, shared by the server (leasing, releasing) and the till
 * (warnings). Pure: the server applies it under the numbering's row lock.
 */

export interface NumberingState {
  rangeFrom: number;
  rangeTo: number;
  /** First number not handed out yet (rangeTo + 1 when the range is used up). */
  nextNumber: number;
  /** YYYY-MM-DD, inclusive, in the company's time zone. */
  validFrom: string;
  validUntil: string;
}

export type BlockPlan =
  | { ok: true; from: number; to: number; nextNumber: number }
  | { ok: false; reason: "EXPIRED" | "NOT_YET_VALID" | "RANGE_EXHAUSTED" };

/** Never past the range end, never after the validity date, never an empty block. */
export function planNumberBlock(numbering: NumberingState, wanted: number, today: string): BlockPlan {
  if (today > numbering.validUntil) return { ok: false, reason: "EXPIRED" };
  if (today < numbering.validFrom) return { ok: false, reason: "NOT_YET_VALID" };
  const remaining = numbering.rangeTo - numbering.nextNumber + 1;
  if (remaining <= 0) return { ok: false, reason: "RANGE_EXHAUSTED" };
  const size = Math.max(1, Math.min(Math.floor(wanted), remaining));
  const from = numbering.nextNumber;
  return { ok: true, from, to: from + size - 1, nextNumber: from + size };
}

/** Block size from the terminal's busiest day in the last 30 days, plus half again, within bounds. */
export function adaptiveBlockSize(busiestDay: number, min = 100, max = 5000): number {
  return Math.min(max, Math.max(min, Math.ceil(busiestDay * 1.5)));
}

/** Without a cap set on the numbering, a device may hold two blocks' worth of unused numbers. */
export const DEFAULT_HELD_BLOCKS = 2;

/**
 * How many unused leased numbers one device may hold of a numbering: the numbering's cap when
 * an admin set one, else two blocks. Bounds what one device (or a stolen token) can take.
 */
export function leaseLimit(blockSize: number, cap: number | null): number {
  return cap ?? DEFAULT_HELD_BLOCKS * Math.max(1, Math.floor(blockSize));
}

export type LeaseSizePlan =
  | { ok: true; size: number }
  | { ok: false; reason: "LEASE_LIMIT_REACHED"; held: number; limit: number; allowance: number };

/**
 * The size of the next block for a device that already holds `held` unused numbers. An explicit
 * size that would take the device over its limit is refused whole (the caller learns it did not
 * get what it asked for); the default size shrinks to what is left of the allowance.
 */
export function planLeaseSize(input: {
  held: number;
  limit: number;
  defaultSize: number;
  requested?: number;
}): LeaseSizePlan {
  const allowance = Math.max(0, input.limit - input.held);
  const refuse = {
    ok: false as const,
    reason: "LEASE_LIMIT_REACHED" as const,
    held: input.held,
    limit: input.limit,
    allowance,
  };
  if (allowance === 0) return refuse;
  if (input.requested !== undefined) return input.requested > allowance ? refuse : { ok: true, size: input.requested };
  return { ok: true, size: Math.max(1, Math.min(Math.floor(input.defaultSize), allowance)) };
}

/** Unused numbers a device holds in one block: what a release would give back (see releasableFrom). */
export function unusedInBlock(
  block: { rangeFrom: number; rangeTo: number; releasedFrom: number | null },
  lastUsed: number | null,
): number {
  if (block.releasedFrom !== null) return 0;
  const from = releasableFrom(block, lastUsed);
  return from === null ? 0 : block.rangeTo - from + 1;
}

/** What a release gives back: everything after the last number used (or the whole block). */
export function releasableFrom(block: { rangeFrom: number; rangeTo: number }, lastUsed: number | null): number | null {
  const from = lastUsed === null ? block.rangeFrom : Math.max(block.rangeFrom, lastUsed + 1);
  return from > block.rangeTo ? null : from;
}

export interface NumberingWarnings {
  /** Under 10 % of the authorized range left. */
  rangeNearlyUsed: boolean;
  /** Validity ends within 30 days. */
  expiresSoon: boolean;
  expired: boolean;
  daysLeft: number;
  numbersLeftInRange: number;
}

const DAY_MS = 86_400_000;

export function numberingWarnings(numbering: NumberingState, today: string): NumberingWarnings {
  const total = numbering.rangeTo - numbering.rangeFrom + 1;
  const left = Math.max(0, numbering.rangeTo - numbering.nextNumber + 1);
  const daysLeft = Math.floor((Date.parse(numbering.validUntil) - Date.parse(today)) / DAY_MS);
  return {
    rangeNearlyUsed: left < total * 0.1,
    expiresSoon: daysLeft >= 0 && daysLeft <= 30,
    expired: daysLeft < 0,
    daysLeft,
    numbersLeftInRange: left,
  };
}
