import { lazy, Suspense, useMemo, useState } from "react";
import { AdminMenu } from "../admin/AdminMenu";
import { DeviceRevokedBanner } from "../devices/DeviceRevokedBanner";
import { StorageWarning } from "../durability/StorageWarning";
import { useBeforeUnloadGuard } from "../durability/useBeforeUnloadGuard";
import { usePersistentStorage } from "../durability/usePersistentStorage";
import { useI18n } from "../i18n/i18n";
import { MaintenanceBanner } from "../maintenance/MaintenanceBanner";
import { useMaintenance } from "../maintenance/useMaintenance";
import { receiptCompanyFields } from "../receipt/receiptCompany";
import { REPORTS_SALES_PATH } from "../reports/reportsPath";
import { SaleScreen } from "../sale/SaleScreen";
import type { SellingData } from "../sale/useSellingData";
import { useConnectivity } from "../services/useConnectivity";
import { ShiftGate } from "../shifts/ShiftGate";
import type { ReceiptContext } from "../storage/localRecords";
import { ManualSyncNoticeBanner } from "../syncStatus/ManualSyncNoticeBanner";
import { useManualSync } from "../syncStatus/manualSync";
import { useSyncStatus } from "../syncStatus/useSyncStatus";
import { AppHeader } from "./AppHeader";

const SalesHistory = lazy(() => import("../history/SalesHistory"));
// Signing out (and exporting what is pending) is rare: its dialog is its own chunk.
const LogoutDialog = lazy(() => import("../pending/LogoutDialog").then((m) => ({ default: m.LogoutDialog })));
// The admin screens live in the back office (/admin/…), opened from the header's "Administración".
type View = "sale" | "history";

/** The till once ready: header, selling screen and sales history. */
export function PosShell({ data }: { data: SellingData }) {
  const connectivity = useConnectivity();
  const manualSync = useManualSync(connectivity);
  const syncStatus = useSyncStatus();
  const maintenance = useMaintenance();
  const isAdmin = data.session.user.role === "admin";
  const persistence = usePersistentStorage();
  const { t } = useI18n();
  const [view, setView] = useState<View>("sale");
  const [loggingOut, setLoggingOut] = useState(false);
  useBeforeUnloadGuard(syncStatus.counts.pending + syncStatus.counts.error, t("durability.beforeUnload"));
  const fallbackContext = useMemo(() => fallbackReceiptContext(data), [data]);

  return (
    <div className="pos-shell">
      <MaintenanceBanner timeZone={data.company.timeZone} syncStatus={syncStatus} />
      <DeviceRevokedBanner />
      <AppHeader
        terminalName={data.terminal.name}
        cashierName={data.session.user.name}
        connectivity={connectivity}
        maintenance={maintenance.active !== null}
        adminMenu={isAdmin ? <AdminMenu /> : null}
        syncStatus={syncStatus}
        onSync={manualSync.run}
        onNewSale={() => setView("sale")}
        onSalesHistory={() => setView("history")}
        onLogout={() => setLoggingOut(true)}
      />
      <ManualSyncNoticeBanner notice={manualSync.notice} onDismiss={manualSync.dismiss} />
      <StorageWarning persistence={persistence} timeZone={data.company.timeZone} />
      <main className="pos-shell__main">
        <ShiftGate
          terminalId={data.terminal.id}
          requiresShift={data.terminal.requiresShift}
          deviceId={data.context.device.deviceId}
          userId={data.session.user.id}
          names={{
            company: data.company.name,
            terminal: data.terminal.name,
            cashier: data.session.user.name,
            cashierId: data.session.user.id,
          }}
          active={view === "sale"}
        >
          {(shiftId) => (
            <SaleScreen data={data} online={connectivity === "online"} active={view === "sale"} shiftId={shiftId} />
          )}
        </ShiftGate>
        {view === "history" && (
          <Suspense fallback={<p className="muted">…</p>}>
            <SalesHistory fallbackContext={fallbackContext} allSalesPath={isAdmin ? REPORTS_SALES_PATH : undefined} />
          </Suspense>
        )}
      </main>
      {loggingOut && (
        <Suspense fallback={null}>
          <LogoutDialog onClose={() => setLoggingOut(false)} />
        </Suspense>
      )}
    </div>
  );
}

/** For invoices that came from elsewhere (import, download) and carry no frozen receipt context. */
function fallbackReceiptContext(data: SellingData): ReceiptContext {
  return {
    ...receiptCompanyFields(data.company),
    terminalName: data.terminal.name,
    cashierName: data.session.user.name,
    clientName: "",
    clientIdType: "",
    clientIdNumber: "",
    numberingName: data.numbering.name,
    rangeFrom: data.numbering.rangeFrom,
    rangeTo: data.numbering.rangeTo,
    validFrom: data.numbering.validFrom,
    validUntil: data.numbering.validUntil,
    resolution: data.numbering.resolution,
    electronic: data.numbering.electronic,
    paymentMethodNames: Object.fromEntries(data.paymentMethods.map((m) => [m.id, m.name])),
  };
}
