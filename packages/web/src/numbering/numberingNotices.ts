import { type NumberingState, numberingWarnings } from "@mostrador/domain";

/** Fewer numbers than this left on the device: warn (the device also tops up below it while online). */
export const FEW_NUMBERS_LEFT = 20;

export type NumberingNoticeKey =
  | "numbering.fewLeft"
  | "numbering.fewLeftOffline"
  | "numbering.rangeNearlyUsed"
  | "numbering.rangeUsedUp"
  | "numbering.expiresSoon"
  | "numbering.expiresToday"
  | "numbering.expired";

export interface NumberingNotice {
  key: NumberingNoticeKey;
  params: Record<string, string | number>;
  tone: "warning" | "error";
}

export interface NumberingNoticeInput {
  numbering: NumberingState & { name: string; electronic: boolean };
  /** Numbers left in this device's blocks; null for electronic numberings (or not known yet). */
  numbersLeft: number | null;
  online: boolean;
  /** YYYY-MM-DD in the company's time zone. */
  today: string;
  fewThreshold?: number;
}

/**
 * What the selling screen warns about the numbering: few numbers left on this device, the
 * authorized range nearly used (under 10 %), validity ending within 30 days, or expired (then
 * only that). "No numbers left" is not here: it blocks "Facturar" (sale/checkout.ts).
 */
export function numberingNotices(input: NumberingNoticeInput): NumberingNotice[] {
  const { numbering, numbersLeft, today } = input;
  const name = numbering.name;
  const warnings = numberingWarnings(numbering, today);
  if (warnings.expired)
    return [{ key: "numbering.expired", params: { name, date: numbering.validUntil }, tone: "error" }];
  const notices: NumberingNotice[] = [];
  const few = input.fewThreshold ?? FEW_NUMBERS_LEFT;
  if (!numbering.electronic && numbersLeft !== null && numbersLeft > 0 && numbersLeft < few) {
    notices.push({
      key: input.online ? "numbering.fewLeft" : "numbering.fewLeftOffline",
      params: { count: numbersLeft },
      tone: "warning",
    });
  }
  if (warnings.rangeNearlyUsed) {
    const total = numbering.rangeTo - numbering.rangeFrom + 1;
    const left = warnings.numbersLeftInRange;
    notices.push(
      left === 0
        ? { key: "numbering.rangeUsedUp", params: { name }, tone: "warning" }
        : {
            key: "numbering.rangeNearlyUsed",
            params: { name, count: left, percent: Math.floor((left / total) * 1000) / 10 },
            tone: "warning",
          },
    );
  }
  if (warnings.expiresSoon) {
    notices.push(
      warnings.daysLeft === 0
        ? { key: "numbering.expiresToday", params: { name }, tone: "warning" }
        : {
            key: "numbering.expiresSoon",
            params: { name, date: numbering.validUntil, days: warnings.daysLeft },
            tone: "warning",
          },
    );
  }
  return notices;
}

/** "Facturar" is blocked once the numbering's validity is over (the server would refuse the invoice). */
export function numberingExpired(numbering: NumberingState, today: string): boolean {
  return numberingWarnings(numbering, today).expired;
}
