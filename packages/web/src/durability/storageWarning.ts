import type { PersistenceState } from "./persistentStorage";

/** Where "Ocultar por hoy" remembers the day it was pressed (the shop's calendar day, YYYY-MM-DD). */
export const STORAGE_WARNING_DISMISSED_KEY = "mostrador.storageWarning.dismissedOn";

/**
 * The persistent-storage warning shows when the browser refused persistence, unless the app runs
 * installed (display-mode standalone: installed apps are not evicted like a tab's data) or the cashier
 * hid it today.
 */
export function storageWarningShown(input: {
  persistence: PersistenceState;
  standalone: boolean;
  dismissedOn: string | null;
  today: string;
}): boolean {
  return input.persistence === "denied" && !input.standalone && input.dismissedOn !== input.today;
}

/** The app runs installed (a PWA window, or iOS's home-screen app). */
export function runsStandalone(): boolean {
  const nav = globalThis.navigator as (Navigator & { standalone?: boolean }) | undefined;
  return Boolean(globalThis.matchMedia?.("(display-mode: standalone)").matches || nav?.standalone === true);
}

export function readDismissedOn(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_WARNING_DISMISSED_KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberDismissed(today: string): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_WARNING_DISMISSED_KEY, today);
  } catch {
    // storage unavailable: hidden until the next reload only
  }
}
