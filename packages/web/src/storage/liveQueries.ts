import { liveQuery } from "dexie";

/**
 * Outside React: runs `query` (a LocalStore read) now and again whenever the rows it read change,
 * also from another tab. Returns the unsubscribe function. React code uses `useLiveQuery` from
 * dexie-react-hooks with the same store reads.
 */
export function watchQuery<T>(query: () => Promise<T>, next: (value: T) => void, label: string): () => void {
  const subscription = liveQuery(query).subscribe({
    next,
    error: (error: unknown) => console.error(`${label} query failed`, error),
  });
  return () => subscription.unsubscribe();
}
