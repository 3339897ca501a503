import { useCallback, useEffect, useState } from "react";
import type { Connectivity } from "../connectivity/connectivityMonitor";
import { useAppServices } from "../services/appServices";
import type { SyncOutcome } from "../sync/syncEngine";

/** What "Sincronizar" tells the cashier when it could not do its job; null when it did (the indicator says the rest). */
export type ManualSyncNotice = "offline" | "unavailable" | "failed";

/** The notice for a finished manual sync: no answer → offline; maintenance or overload → later; else it failed. */
export function manualSyncNotice(outcome: SyncOutcome): ManualSyncNotice | null {
  if (outcome.ok || !outcome.failure) return null;
  const kind = outcome.failure.kind;
  if (kind === "network" || kind === "timeout") return "offline";
  if (kind === "unavailable") return "unavailable";
  // A revoked device or an ended session have their own screens; saying "failed" beside them adds nothing.
  if (kind === "device_revoked" || kind === "unauthenticated" || kind === "no_device") return null;
  return "failed";
}

const NOTICE_MS = 8000;

/**
 * "Sincronizar" in the header: runs a sync now and says why nothing happened when the till is offline
 * ("Sin conexión: se sincronizará al volver") at once, without waiting for the request to fail.
 */
export function useManualSync(connectivity: Connectivity) {
  const { syncEngine } = useAppServices();
  const [notice, setNotice] = useState<ManualSyncNotice | null>(null);
  const run = useCallback(() => {
    if (connectivity === "offline") setNotice("offline");
    // A run already in flight began before this press: its requests may have failed for a reason that is
    // gone now (the connection is back, a block can be leased again), so the press runs once more after it.
    const inFlight = syncEngine.getState().running;
    const sync = inFlight ? syncEngine.syncNow().then(() => syncEngine.syncNow()) : syncEngine.syncNow();
    void sync.then((outcome) => setNotice(manualSyncNotice(outcome)));
  }, [connectivity, syncEngine]);
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return { run, notice, dismiss: () => setNotice(null) };
}
