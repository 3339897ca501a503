/** A page of a list the server pages by offset. */
export interface OffsetPage<T> {
  items: T[];
  total: number;
}

/**
 * Every row of a paged list, asked for page after page (for the CSV exports built in the browser),
 * up to `maxRows`. `page` answers null when the page cannot be asked for (filters that do not
 * read): then nothing is returned.
 */
export async function fetchAllPages<T>(
  page: (range: { limit: number; offset: number }) => Promise<OffsetPage<T>> | null,
  { pageSize = 500, maxRows = 50_000 }: { pageSize?: number; maxRows?: number } = {},
): Promise<T[] | null> {
  const rows: T[] = [];
  for (let offset = 0; offset < maxRows; offset += pageSize) {
    const asked = page({ limit: pageSize, offset });
    if (!asked) return null;
    const answer = await asked;
    rows.push(...answer.items);
    if (offset + pageSize >= answer.total) break;
  }
  return rows;
}
