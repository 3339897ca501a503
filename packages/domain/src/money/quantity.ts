/** Quantities allow three decimals (weighed goods); computed as integer thousandths. */
export const QUANTITY_SCALE = 1000;

export function quantityToMilli(quantity: number): number {
  const milli = Math.round(quantity * QUANTITY_SCALE);
  if (Math.abs(milli - quantity * QUANTITY_SCALE) > 1e-6) {
    throw new RangeError(`quantity has more than 3 decimals: ${quantity}`);
  }
  return milli;
}

/** Percent with up to two decimals, as basis points (12.5 % = 1250). */
export function percentToBasisPoints(percent: number): number {
  const bp = Math.round(percent * 100);
  if (Math.abs(bp - percent * 100) > 1e-6) {
    throw new RangeError(`percent has more than 2 decimals: ${percent}`);
  }
  return bp;
}
