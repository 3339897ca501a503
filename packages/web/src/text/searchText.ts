/** Lowercase, without accents or punctuation: "Café Molido 500g" → "cafe molido 500g". */
export function normalizeForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, " ")
    .trim();
}

/** Distinct words of a text, normalized: what the multi-entry search indexes hold. */
export function searchWords(...texts: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of normalizeForSearch(text).split(" ")) if (word) words.add(word);
  }
  return [...words];
}
