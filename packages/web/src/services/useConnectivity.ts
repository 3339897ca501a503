import { useSyncExternalStore } from "react";
import type { Connectivity } from "../connectivity/connectivityMonitor";
import { useAppServices } from "./appServices";

/** "online" when the server answered its health probe recently, "offline" otherwise. */
export function useConnectivity(): Connectivity {
  const { connectivity } = useAppServices();
  return useSyncExternalStore(
    (onChange) => connectivity.subscribe(onChange),
    () => connectivity.current,
  );
}
