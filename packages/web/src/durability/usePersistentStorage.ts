import { useEffect, useState } from "react";
import { type PersistenceState, requestPersistentStorage } from "./persistentStorage";

/** Requests persistent storage once the cashier is in; returns the outcome for the warning banner. */
export function usePersistentStorage(): PersistenceState {
  const [state, setState] = useState<PersistenceState>("unknown");
  useEffect(() => {
    let cancelled = false;
    void requestPersistentStorage().then((result) => {
      if (!cancelled) setState(result);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
