import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { FetchServerTransport } from "./api/fetchServerTransport";
import { App } from "./app/App";
import { type AppServices, AppServicesProvider } from "./services/appServices";
import "./app/app.css";
import "./app/layout.css";
import { ScreenFailureBoundary } from "./app/ScreenFailure";
import { StorageFailure } from "./app/StorageFailure";
import { ConnectivityMonitor } from "./connectivity/connectivityMonitor";
import { I18nProvider } from "./i18n/i18n";
import { maintenanceWatchFor } from "./maintenance/maintenanceWatch";
import { catalogs } from "./messages";
import { topUpNumberBlocks } from "./numbering/numberBlockTopUp";
import { announceReloadNeeded, registerServiceWorker } from "./pwa/serviceWorkerRegistration";
import { DexieLocalStore } from "./storage/dexieLocalStore";
import { MinimalSyncEngine } from "./sync/syncEngine";
import { browserSchedulerEnvironment, SyncScheduler } from "./sync/syncScheduler";

function createServices(): AppServices {
  const store = new DexieLocalStore();
  const transport = new FetchServerTransport();
  const engine = new MinimalSyncEngine({ store, transport, appVersion: import.meta.env.VITE_APP_VERSION });
  // Sync runs after each sale, when the connection returns, when the page shows, on a timer, and
  // retries with backoff; one tab at a time (Web Locks).
  const syncEngine = new SyncScheduler(engine, browserSchedulerEnvironment(), {
    canSync: async () => (await store.getMeta("readiness"))?.ready === true,
  });
  const connectivity = new ConnectivityMonitor({ transport });
  connectivity.subscribe((status) => {
    if (status === "online") syncEngine.requestSync("online");
  });
  // After each successful sync, lease more invoice numbers when the device runs low.
  let lastSyncAt = syncEngine.getState().lastSyncAt;
  syncEngine.subscribe((state) => {
    if (state.running || state.lastSyncAt === lastSyncAt) return;
    lastSyncAt = state.lastSyncAt;
    void topUpNumberBlocks(store, transport).catch(() => undefined);
  });
  connectivity.start();
  syncEngine.start();
  // Maintenance mode (a window by the clock, or the server's 503) applies from the first screen on.
  maintenanceWatchFor({ store, transport, connectivity, syncEngine }).start();
  return { store, transport, syncEngine, connectivity };
}

async function start() {
  const root = document.getElementById("root");
  if (!root) throw new Error("#root missing from index.html");
  const services = createServices();
  try {
    // A newer version in another tab upgrades the schema: this connection closes; ask to reload.
    await services.store.open({ onVersionChange: () => announceReloadNeeded() });
  } catch (error) {
    createRoot(root).render(
      <I18nProvider catalogs={catalogs}>
        <StorageFailure error={error} />
      </I18nProvider>,
    );
    return;
  }
  createRoot(root).render(
    <StrictMode>
      <I18nProvider catalogs={catalogs}>
        <AppServicesProvider services={services}>
          <ScreenFailureBoundary>
            <App />
          </ScreenFailureBoundary>
        </AppServicesProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
void registerServiceWorker();
