import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import { type SignOutResult, signOut } from "../session/sessionActions";
import { usePendingInvoicesFile } from "./usePendingInvoicesFile";

/**
 * "Cerrar sesión": asks first; refused while invoices are pending or in error (they exist only
 * here), with "Exportar pendientes" to keep a copy.
 */
export function LogoutDialog({ onClose }: { onClose: () => void }) {
  const services = useAppServices();
  const { t } = useI18n();
  const { exportPending } = usePendingInvoicesFile();
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<Extract<SignOutResult, { ok: false }> | null>(null);

  async function confirm() {
    setBusy(true);
    const result = await signOut(services);
    setBusy(false);
    if (result.ok) onClose();
    else setBlocked(result);
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="logout-title">
        {blocked ? (
          <>
            <h2 id="logout-title">{t("logout.title")}</h2>
            <p>{t("logout.blocked", { pending: blocked.pending, errors: blocked.errors })}</p>
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
