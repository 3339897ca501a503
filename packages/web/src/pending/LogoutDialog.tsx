import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { type I18n, useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import { type SignOutResult, signOut } from "../session/sessionActions";
import { usePendingInvoicesFile } from "./usePendingInvoicesFile";

/** "Hay 1 factura pendiente y 2 facturas con error": each count in its plural form, the empty one left out. */
export function unsyncedText(i18n: Pick<I18n, "t" | "tp">, pending: number, errors: number): string {
  // Only other documents (credit notes, voids, shift revisions) are waiting: say so rather than "0 invoices".
  if (pending + errors === 0) return i18n.t("logout.blockedDocuments");
  const parts = [
    pending > 0 ? i18n.tp("logout.pendingCount", pending) : null,
    errors > 0 ? i18n.tp("logout.errorCount", errors) : null,
  ].filter((part): part is string => part !== null);
  const what =
    parts.length === 2 ? i18n.t("logout.and", { first: parts[0] ?? "", second: parts[1] ?? "" }) : (parts[0] ?? "");
  return i18n.tp("logout.blocked", pending + errors, { what });
}

/**
 * "Cerrar sesión": asks first; refused while invoices are pending or in error (they exist only
 * here), with "Exportar pendientes" to keep a copy. When the till already knows of such invoices the
 * first dialog says so at once (and offers the export) instead of asking, then refusing.
 */
export function LogoutDialog({ onClose }: { onClose: () => void }) {
  const services = useAppServices();
  const i18n = useI18n();
  const { t } = i18n;
  const counts = useLiveQuery(() => services.store.countInvoicesByStatus(), [services.store], null);
  const { exportPending } = usePendingInvoicesFile();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Extract<SignOutResult, { ok: false }> | null>(null);
  const known = counts && counts.pending + counts.error > 0 ? { pending: counts.pending, errors: counts.error } : null;
  const blocked = refused ?? known;

  async function confirm() {
    setBusy(true);
    const result = await signOut(services);
    setBusy(false);
    if (result.ok) onClose();
    else setRefused(result);
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="logout-title">
        {blocked ? (
          <>
            <h2 id="logout-title">{t("logout.title")}</h2>
            <p>{unsyncedText(i18n, blocked.pending, blocked.errors)}</p>
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
