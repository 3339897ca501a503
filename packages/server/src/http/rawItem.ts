/**
 * What a push answer can say about an item it could not parse: its id and revision when they are
 * there at all (bounded, so a hostile item cannot make the answer huge or malformed).
 */
export const rawIdOf = (raw: unknown): string =>
  typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
    ? (raw as { id: string }).id.slice(0, 100)
    : "";

export const rawRevisionOf = (raw: unknown): number => {
  const r = Number((raw as { revision?: unknown })?.revision);
  return Number.isInteger(r) && r >= 0 && r <= 1_000_000 ? r : 0;
};
