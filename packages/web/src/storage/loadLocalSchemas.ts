export type LocalSchemas = typeof import("./localSchemas");

let loading: Promise<LocalSchemas> | undefined;

/**
 * The storage's schemas (zod) as their own chunk, loaded once: DexieLocalStore.open() starts it, so it
 * arrives while the till renders and the first "Facturar" does not wait. Awaited *before* a Dexie
 * transaction starts, never inside one (a foreign promise would end the transaction). A failed load
 * (an old cache, a network error) is tried again on the next call.
 */
export function loadLocalSchemas(): Promise<LocalSchemas> {
  if (!loading) {
    loading = import("./localSchemas");
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
