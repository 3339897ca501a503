/** One parsed item of a pushed batch: its place in the batch and its document. */
export interface BatchItem<D> {
  index: number;
  doc: D;
}
export type BatchCopy<D> = BatchItem<D> & { first: BatchItem<D> };

/**
 * Step 2 of every push acceptor: one item per id and revision (later copies are returned apart, to
 * be answered like their first), and of several revisions of one id only the newest goes on — the
 * older ones beside it are stale and go to `onStale`.
 */
export function sortOutRevisions<D extends { id: string; revision: number }>(
  parsed: readonly BatchItem<D>[],
  onStale: (item: BatchItem<D>) => void,
): { items: BatchItem<D>[]; copies: BatchCopy<D>[] } {
  const seen = new Map<string, BatchItem<D>>();
  const unique: BatchItem<D>[] = [];
  const copies: BatchCopy<D>[] = [];
  for (const item of parsed) {
    const key = `${item.doc.id}@${item.doc.revision}`;
    const first = seen.get(key);
    if (first) copies.push({ ...item, first });
    else {
      seen.set(key, item);
      unique.push(item);
    }
  }
  const newest = new Map<string, number>();
  for (const { doc } of unique) newest.set(doc.id, Math.max(newest.get(doc.id) ?? 0, doc.revision));
  const items = unique.filter((item) => {
    if (item.doc.revision === newest.get(item.doc.id)) return true;
    onStale(item);
    return false;
  });
  return { items, copies };
}
