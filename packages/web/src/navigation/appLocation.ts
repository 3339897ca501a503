import { useSyncExternalStore } from "react";

/**
 * The one URL decision the till's own bundle makes: is this the back office (`/admin/...`)?
 * The back office itself routes with wouter, loaded with it; this stays a few lines so the
 * till's first load does not grow. Navigations made here fire the same "pushState" event wouter
 * listens to, so both hear each other.
 */
const EVENTS = ["popstate", "pushState", "replaceState"] as const;
const WOUTER_PATCHED = Symbol.for("wouter_v3");

export const BACK_OFFICE_HOME = "/admin/productos";
/** The explicit choice to use this browser as a till (terminal picker, device, numbers). */
export const OPEN_TILL_PATH = "/abrir-caja";

function subscribe(onChange: () => void) {
  for (const event of EVENTS) addEventListener(event, onChange);
  return () => {
    for (const event of EVENTS) removeEventListener(event, onChange);
  };
}

export function useAppPath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export function isBackOfficePath(path: string): boolean {
  return path === "/admin" || path.startsWith("/admin/");
}

export function goTo(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  // Once wouter is loaded it patches history and fires the event itself.
  if (!(WOUTER_PATCHED in window)) dispatchEvent(new Event(options.replace ? "replaceState" : "pushState"));
}
