import type { InvoiceDetail as ServerInvoiceDetail } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { isTransportError } from "../api/transportErrors";
import type { MessageKey } from "../i18n/i18n";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { rejectionText } from "./rejectionText";

type Loaded =
  | { state: "loading" }
  | { state: "loaded"; detail: ServerInvoiceDetail }
  | { state: "unknown" }
  | { state: "failed"; message: string };

/**
 * The invoice's history on the server (every revision and attempt: who, when, outcome, errors) when
 * online; offline, the errors this device stored.
 */
export function ServerInvoiceHistory({ invoice, online }: { invoice: LocalInvoice; online: boolean }) {
  const { store, transport } = useAppServices();
  const { t, locale, dateTime } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const refreshKey = `${invoice.status}:${invoice.document.revision}:${invoice.serverRevision}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: asks again when the invoice's sync state changes
  useEffect(() => {
    if (!online) return;
    let cancelled = false;
    setLoaded({ state: "loading" });
    void (async () => {
      const device = await store.getMeta("device");
      const session = await store.getMeta("session");
      const token = device?.deviceToken ?? session?.token;
      if (!token) return;
      try {
        const detail = await transport.getInvoiceDetail(token, invoice.id);
        if (!cancelled) setLoaded({ state: "loaded", detail });
      } catch (error) {
        if (cancelled) return;
        if (isTransportError(error) && error.status === 404) setLoaded({ state: "unknown" });
        else setLoaded({ state: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [online, store, transport, invoice.id, refreshKey]);

  const timeZone = invoice.receipt?.timeZone;
  return (
    <section className="server-history no-print" aria-labelledby="server-history-title">
      <h3 id="server-history-title">{t("invoiceError.serverHistory")}</h3>
      {!online && <LocalErrors invoice={invoice} />}
      {online && loaded.state === "loading" && <p className="muted">{t("invoiceError.serverLoading")}</p>}
      {online && loaded.state === "unknown" && <p className="muted">{t("invoiceError.serverUnknown")}</p>}
      {online && loaded.state === "failed" && (
        <>
          <p className="message message--warning">{t("invoiceError.serverFailed", { message: loaded.message })}</p>
          <LocalErrors invoice={invoice} />
        </>
      )}
      {online && loaded.state === "loaded" && (
        <>
          <p className="muted">{t("invoiceError.revisionsCount", { count: loaded.detail.revisions.length })}</p>
          <ol className="server-history__attempts">
            {loaded.detail.attempts.map((attempt, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: attempts are an append-only list in server order
              <li key={i} data-outcome={attempt.outcome}>
                <strong>
                  {t("invoiceError.attempt", {
                    revision: attempt.revision,
                    time: dateTime(attempt.at, timeZone),
                    outcome: outcomeLabel(attempt.outcome, t),
                  })}
                </strong>
                <span className="muted">
                  {" "}
                  {t("invoiceError.attemptBy", {
                    user: shortId(attempt.userId),
                    device: shortId(attempt.deviceId),
                  })}
                </span>
                {attempt.errors && attempt.errors.length > 0 && (
                  <ul>
                    {attempt.errors.map((e, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the server's list of reasons is fixed
                      <li key={`${e.code}-${j}`}>{rejectionText(e, locale)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {loaded.detail.voidReason && <p>{t("invoiceError.voidedReason", { reason: loaded.detail.voidReason })}</p>}
        </>
      )}
    </section>
  );
}

function LocalErrors({ invoice }: { invoice: LocalInvoice }) {
  const { t, locale } = useI18n();
  return (
    <>
      <p className="muted">{t("invoiceError.serverOffline")}</p>
      {invoice.errors.length > 0 && (
        <div>
          <strong>{t("invoiceError.localErrors")}</strong>
          <ul>
            {invoice.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the server's list of reasons is fixed
              <li key={`${e.code}-${i}`}>{rejectionText(e, locale)}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function outcomeLabel(outcome: string, t: (key: MessageKey) => string): string {
  if (outcome === "accepted") return t("invoiceError.outcome.accepted");
  if (outcome === "rejected") return t("invoiceError.outcome.rejected");
  return outcome;
}

function shortId(id: string | null): string {
  return id ? id.slice(-6) : "—";
}
