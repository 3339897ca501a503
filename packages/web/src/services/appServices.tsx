import { createContext, type ReactNode, useContext } from "react";
import type { ServerTransport } from "../api/serverTransport";
import type { ConnectivityMonitor } from "../connectivity/connectivityMonitor";
import type { LocalStore } from "../storage/localStore";
import type { ScheduledSync } from "../sync/syncScheduler";

/** The long-lived objects of the app, created once in main.tsx (tests can pass fakes). */
export interface AppServices {
  store: LocalStore;
  transport: ServerTransport;
  /** The sync engine as the app uses it: through the scheduler (SyncScheduler). */
  syncEngine: ScheduledSync;
  connectivity: ConnectivityMonitor;
}

const AppServicesContext = createContext<AppServices | null>(null);

export function AppServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
}

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error("useAppServices outside AppServicesProvider");
  return services;
}
