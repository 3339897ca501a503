import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { exportedWhat, unsyncedWhat } from "../pending/unsyncedSummary";
import { usePendingInvoicesFile } from "../pending/usePendingInvoicesFile";
import { useAppServices } from "../services/appServices";
import { totalUnsynced, type UnsyncedCounts } from "../storage/unsyncedRecords";

/**
 * Shown once the server answered DEVICE_REVOKED (DeviceRevokedBanner decides): syncing has stopped for good,
 * and what never reached the server (invoices, returns, voids, shift revisions, clients made here) stays on
 * this device until the cashier exports it.
 */
export function DeviceRevokedNotice() {
  const { store } = useAppServices();
  const i18n = useI18n();
  const { t } = i18n;
  const { exportPending } = usePendingInvoicesFile();
  const [exported, setExported] = useState<UnsyncedCounts | null>(null);
  const unsynced = useLiveQuery(() => store.countUnsynced(), [store], null);
  const left = unsynced && totalUnsynced(unsynced) > 0 ? unsynced : null;
  return (
    <div className="banner banner--warning no-print" role="alert" data-testid="device-revoked">
      <strong>{t("devices.revoked.title")}</strong>
      {/* Not "nothing pending" while the count is still being read. */}
      {unsynced && (
        <p>{left ? t("devices.revoked.body", { what: unsyncedWhat(i18n, left) }) : t("devices.revoked.bodyNothing")}</p>
      )}
      <button type="button" className="button button--primary" onClick={() => void exportPending().then(setExported)}>
        {t("devices.revoked.export")}
      </button>
      {exported !== null && (
        <span role="status">
          {" "}
          {totalUnsynced(exported) > 0
            ? t("devices.revoked.exported", { what: exportedWhat(i18n, exported) })
            : t("devices.revoked.exportedNothing")}
        </span>
      )}
    </div>
  );
}
