/** COP bills and coins in centavos ($ 100.000 … $ 50), for counting the drawer by denomination. */
export const COP_DENOMINATIONS = [
  10_000_000, 5_000_000, 2_000_000, 1_000_000, 500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000,
] as const;

/** COP bills ($ 100.000 … $ 1.000) and coins ($ 1.000 … $ 50) in centavos: $ 1.000 is both. */
export const COP_BILLS = [10_000_000, 5_000_000, 2_000_000, 1_000_000, 500_000, 200_000, 100_000] as const;
export const COP_COINS = [100_000, 50_000, 20_000, 10_000, 5_000] as const;
