import { type FormEvent, useState } from "react";
import "./registerReturnsMessages";
import { isTransportError } from "../api/transportErrors";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import { useConnectivity } from "../services/useConnectivity";
import "./returns.css";

/** "POS-12", "pos 12", "POS12" → prefix and number; null when it is not a receipt number. */
export function parseReceiptNumber(text: string): { prefix: string; number: number } | null {
  const match = /^\s*([A-Za-z]{0,10})\s*-?\s*(\d{1,9})\s*$/.exec(text);
  if (!match) return null;
  return { prefix: (match[1] ?? "").toUpperCase(), number: Number(match[2]) };
}

/**
 * Typing or scanning a receipt number: an invoice on this till opens at once; online, any invoice
 * of the company is looked up on the server and kept here, so it can take a return.
 */
export function ReceiptLookup({ onOpen }: { onOpen: (invoiceId: string) => void }) {
  const { store, transport } = useAppServices();
  const { t } = useI18n();
  const online = useConnectivity() === "online";
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = parseReceiptNumber(text);
    if (!wanted) return setError(t("returns.lookupBad"));
    setError(null);
    const local = await store.returns.findInvoiceByNumber(wanted.prefix, wanted.number);
    if (local) return onOpen(local.id);
    if (!online) return setError(t("returns.lookupOffline"));
    const device = await store.getMeta("device");
    if (!device) return setError(t("returns.lookupOffline"));
    setBusy(true);
    try {
      const found = await transport.findInvoiceByNumber(device.deviceToken, wanted.prefix, wanted.number);
      const saved = await store.returns.putServerInvoice(found.document, found.invoice, found.clientName);
      onOpen(saved.id);
    } catch (e) {
      setError(
        isTransportError(e) && e.status === 404
          ? t("returns.lookupNotFound", { number: text.trim() })
          : t("returns.failed", { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="receipt-lookup" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>{t("returns.lookup")}</span>
        <input
          className="input"
          value={text}
          placeholder={t("returns.lookupHint")}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="button" disabled={busy}>
        {t("returns.lookupButton")}
      </button>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
