import { useSyncExternalStore } from "react";
import { useAppServices } from "../app/appServices";
import type { Connectivity } from "./connectivityMonitor";

/** "online" when the server answered its health probe recently, "offline" otherwise. */
export function useConnectivity(): Connectivity {
  const { connectivity } = useAppServices();
  return useSyncExternalStore(
    (onChange) => connectivity.subscribe(onChange),
    () => connectivity.current,
  );
}
