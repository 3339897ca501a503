export type PersistenceState = "unknown" | "granted" | "denied" | "unsupported";

/**
 * Asks the browser not to evict this site's data (IndexedDB holds unsynced sales).
 * Browsers may refuse silently; the app then shows a lasting warning.
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<PersistenceState> {
  if (!storage?.persist) return "unsupported";
  try {
    if (await storage.persisted?.()) return "granted";
    return (await storage.persist()) ? "granted" : "denied";
  } catch {
    return "denied";
  }
}
