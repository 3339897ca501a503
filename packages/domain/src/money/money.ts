/**
 * Money is always an integer count of minor units (centavos for COP), never a
 * binary float. Every division rounds half up (away from zero on .5), once, per
 * invoice line: see ARCHITECTURE.md "Money".
 */
export type Minor = number;

export const MINOR_PER_UNIT = 100;
/** Largest amount we accept anywhere (1e13 minor = 100,000,000,000.00). */
export const MAX_MINOR = 10_000_000_000_000;

/** Rounds a / b half away from zero, exactly, with BigInt so no product overflows. */
export function divRoundHalfUp(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError("division by zero");
  if (b < 0n) return divRoundHalfUp(-a, -b);
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return negative ? -q : q;
}

export function toMinor(units: number | string): Minor {
  const text = typeof units === "number" ? units.toFixed(2) : units.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new RangeError(`not a money amount: ${units}`);
  const [, sign, whole = "0", frac = ""] = m;
  const v = Number(whole) * MINOR_PER_UNIT + Number(frac.padEnd(2, "0"));
  return sign ? -v : v;
}

export function minorToDecimalString(minor: Minor): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / MINOR_PER_UNIT);
  const frac = abs % MINOR_PER_UNIT;
  return `${sign}${whole}.${String(frac).padStart(2, "0")}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "$ 12.500" for whole pesos, "$ 12.500,50" when there are centavos. */
export function formatMoney(minor: Minor, currency = "COP", locale = "es-CO"): string {
  const hasCents = minor % MINOR_PER_UNIT !== 0;
  const key = `${locale}|${currency}|${hasCents}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: hasCents ? 2 : 0,
      maximumFractionDigits: hasCents ? 2 : 0,
    });
    formatters.set(key, f);
  }
  // Intl uses a non-breaking space after the symbol; a plain space reads and tests better.
  return f.format(minor / MINOR_PER_UNIT).replace(/\u00a0/g, " ");
}
