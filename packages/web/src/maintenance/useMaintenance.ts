import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { useAppServices } from "../services/appServices";
import { type MaintenanceState, maintenanceWatchFor } from "./maintenanceWatch";

/** Maintenance mode and the known windows, live; starts the app's MaintenanceWatch while mounted. */
export function useMaintenance(): MaintenanceState {
  const services = useAppServices();
  const watch = maintenanceWatchFor(services);
  useEffect(() => watch.start(), [watch]);
  const subscribe = useCallback((onChange: () => void) => watch.subscribe(onChange), [watch]);
  return useSyncExternalStore(subscribe, () => watch.getState());
}

/** The time now, refreshed every `periodMs` (null: not refreshed, nothing to watch). */
export function useClock(periodMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (periodMs === null) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(tick);
  }, [periodMs]);
  return now;
}

const DISMISSED_KEY = "mostrador.maintenance.dismissed";

function readDismissed(): string[] {
  try {
    const value = JSON.parse(globalThis.localStorage?.getItem(DISMISSED_KEY) ?? "[]") as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** Dismissed notices ("windowId:phase"), remembered in this browser across reloads. */
export function useDismissedNotices(): [string[], (keys: string[]) => void] {
  const [dismissed, setDismissed] = useState<string[]>(readDismissed);
  const save = useCallback((keys: string[]) => {
    setDismissed(keys);
    try {
      globalThis.localStorage?.setItem(DISMISSED_KEY, JSON.stringify(keys));
    } catch {
      // storage unavailable: the dismissal lasts until the page reloads
    }
  }, []);
  return [dismissed, save];
}
