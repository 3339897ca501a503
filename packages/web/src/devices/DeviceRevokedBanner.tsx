import { lazy, Suspense, useSyncExternalStore } from "react";
import { useAppServices } from "../services/appServices";

// Loaded only once a till is revoked: its counts, export and texts are not part of the till's first load.
const DeviceRevokedNotice = lazy(() =>
  import("./DeviceRevokedNotice").then((m) => ({ default: m.DeviceRevokedNotice })),
);

/** The revoked-device notice, once the server answered DEVICE_REVOKED; nothing (and no reads) before. */
export function DeviceRevokedBanner() {
  const { syncEngine } = useAppServices();
  const state = useSyncExternalStore(
    (onChange) => syncEngine.subscribe(onChange),
    () => syncEngine.getState(),
  );
  if (state.lastFailure?.kind !== "device_revoked") return null;
  return (
    <Suspense fallback={null}>
      <DeviceRevokedNotice />
    </Suspense>
  );
}
