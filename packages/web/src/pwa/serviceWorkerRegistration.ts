/**
 * Registers /sw.js (built by pwa/precacheServiceWorkerPlugin.ts) in production builds and
 * tells the app when a new version is waiting. Local data lives in IndexedDB, untouched.
 */
type Listener = (updateAvailable: boolean) => void;

let waitingWorker: ServiceWorker | null = null;
/** Another tab opened a newer app version (new database schema): this tab must reload. */
let reloadNeeded = false;
const listeners = new Set<Listener>();

function announce(worker: ServiceWorker) {
  waitingWorker = worker;
  for (const listener of listeners) listener(true);
}

export function onUpdateAvailable(listener: Listener): () => void {
  listeners.add(listener);
  if (waitingWorker) listener(true);
  return () => listeners.delete(listener);
}

export function isUpdateAvailable(): boolean {
  return waitingWorker !== null || reloadNeeded;
}

/** Shows "Nueva versión disponible" when a newer version runs elsewhere (the button reloads). */
export function announceReloadNeeded(): void {
  reloadNeeded = true;
  for (const listener of listeners) listener(true);
}

/** Activates the waiting version and reloads once it controls the page. */
export function applyUpdate(): void {
  if (!waitingWorker) {
    window.location.reload();
    return;
  }
  navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
  waitingWorker.postMessage({ type: "SKIP_WAITING" });
}

export async function registerServiceWorker(): Promise<void> {
  if (!("serviceWorker" in navigator) || !import.meta.env.PROD) return;
  try {
    const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      installing?.addEventListener("statechange", () => {
        // "installed" with a controller present = a new version waits behind the running one.
        if (installing.state === "installed" && navigator.serviceWorker.controller) announce(installing);
      });
    });
    // Look for a new version now and then while the till stays open all day.
    setInterval(() => void registration.update().catch(() => undefined), 30 * 60 * 1000);
  } catch (error) {
    console.warn("service worker registration failed", error);
  }
}
