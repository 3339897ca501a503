import { useState, useSyncExternalStore } from "react";
import { useI18n } from "../i18n/i18n";
import { usePendingInvoicesFile } from "../pending/usePendingInvoicesFile";
import { useAppServices } from "../services/appServices";

/**
 * Shown once the server answered DEVICE_REVOKED: syncing has stopped for good, and the invoices
 * that never reached the server stay on this device until the cashier exports them.
 */
export function DeviceRevokedBanner({ unsynced }: { unsynced: number }) {
  const { syncEngine } = useAppServices();
  const { t } = useI18n();
  const { exportPending } = usePendingInvoicesFile();
  const [exported, setExported] = useState<number | null>(null);
  const state = useSyncExternalStore(
    (onChange) => syncEngine.subscribe(onChange),
    () => syncEngine.getState(),
  );
  if (state.lastFailure?.kind !== "device_revoked") return null;
  return (
    <div className="banner banner--warning no-print" role="alert" data-testid="device-revoked">
      <strong>{t("devices.revoked.title")}</strong>
      <p>{t("devices.revoked.body", { count: unsynced })}</p>
      <button type="button" className="button button--primary" onClick={() => void exportPending().then(setExported)}>
        {t("devices.revoked.export")}
      </button>
      {exported !== null && <span role="status"> {t("devices.revoked.exported", { count: exported })}</span>}
    </div>
  );
}
