/**
 * Colombia's NIT (tax id) and its check digit ("dígito de verificación"), by DIAN's algorithm:
 * the base's digits, from the right, are multiplied by 3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47,
 * 53, 59, 67, 71; the sum modulo 11 is r; the check digit is r when r is 0 or 1, else 11 − r.
 */
const NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71] as const;

/** The longest base the weights cover. */
export const NIT_MAX_BASE_DIGITS = NIT_WEIGHTS.length;

/** The check digit of a NIT base (digits only, 1 to 15 of them); throws on anything else. */
export function nitCheckDigit(base: string): number {
  if (!/^[0-9]{1,15}$/.test(base)) throw new RangeError(`a NIT base is 1 to 15 digits, got "${base}"`);
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * (NIT_WEIGHTS[i] as number);
  const r = sum % 11;
  return r > 1 ? 11 - r : r;
}

/** "900123456-8": digits, a hyphen and the right check digit (how the DIAN's RUT writes it). */
export function isValidNit(text: string): boolean {
  const match = /^([0-9]{1,15})-([0-9])$/.exec(text);
  if (!match) return false;
  return nitCheckDigit(match[1] as string) === Number(match[2]);
}
