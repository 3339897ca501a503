import { liveQuery } from "dexie";
import { type DependencyList, useEffect, useState } from "react";

/**
 * Re-runs a Dexie query whenever the tables it read change (also from another tab).
 * Returns `initial` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: DependencyList, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (result) => setValue(() => result),
      error: (error: unknown) => console.error("live query failed", error),
    });
    return () => subscription.unsubscribe();
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the query depends on
  }, deps);
  return value;
}
