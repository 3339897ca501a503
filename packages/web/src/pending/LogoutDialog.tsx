import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { type I18n, useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import { signOut } from "../session/sessionActions";
import { noUnsynced, totalUnsynced, type UnsyncedCounts } from "../storage/unsyncedRecords";
import { unsyncedWhat } from "./unsyncedSummary";
import { usePendingInvoicesFile } from "./usePendingInvoicesFile";

/** "Hay 1 factura pendiente y 2 facturas con error": each count in its plural form, the empty one left out. */
export function unsyncedText(i18n: Pick<I18n, "t" | "tp">, pending: number, errors: number): string {
  return unsyncedCountsText(i18n, { ...noUnsynced, invoices: { pending, error: errors } });
}

/** "Hay 1 factura pendiente, 1 devolución y 1 turno de caja que aún no están en el servidor…" */
export function unsyncedCountsText(i18n: Pick<I18n, "t" | "tp">, counts: UnsyncedCounts): string {
  const total = totalUnsynced(counts);
  // Refused with nothing counted (a write raced the check): say so rather than "0 invoices".
  if (total === 0) return i18n.t("logout.blockedDocuments");
  return i18n.tp("logout.blocked", total, { what: unsyncedWhat(i18n, counts) });
}

/**
 * "Cerrar sesión": asks first; refused while anything exists only here (invoices pending or in error,
 * credit notes, voids, shift revisions, clients made here), with "Exportar pendientes" to keep a copy.
 * When the till already knows of such records the first dialog says so at once (and offers the export)
 * instead of asking, then refusing.
 */
export function LogoutDialog({ onClose }: { onClose: () => void }) {
  const services = useAppServices();
  const i18n = useI18n();
  const { t } = i18n;
  const counts = useLiveQuery(() => services.store.countUnsynced(), [services.store], null);
  const { exportPending } = usePendingInvoicesFile();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<UnsyncedCounts | null>(null);
  const known = counts && totalUnsynced(counts) > 0 ? counts : null;
  const blocked = refused ?? known;

  async function confirm() {
    setBusy(true);
    const result = await signOut(services);
    setBusy(false);
    if (result.ok) onClose();
    else setRefused(result.unsynced);
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="logout-title">
        {blocked ? (
          <>
            <h2 id="logout-title">{t("logout.title")}</h2>
            <p>{unsyncedCountsText(i18n, blocked)}</p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => void exportPending()}>
                {t("logout.export")}
              </button>
              <button type="button" className="button button--primary" autoFocus onClick={onClose}>
                {t("logout.close")}
              </button>
            </div>
          </>
        ) : (
          <>
            <h2 id="logout-title">{t("header.logout")}</h2>
            <p>{t("logout.confirm")}</p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={onClose} disabled={busy}>
                {t("logout.cancel")}
              </button>
              <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy}>
                {t("logout.yes")}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
