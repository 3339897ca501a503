import { DexieLocalStore } from "./dexieLocalStore";
import { LocalDatabase } from "./localDatabase";

/** A store on a fresh database (tests import "fake-indexeddb/auto" first). */
export function openTestStore(name = `test-${crypto.randomUUID()}`): DexieLocalStore {
  return new DexieLocalStore(new LocalDatabase(name));
}
