import {
  computeCreditNoteTotals,
  creditNoteLinesFor,
  type PaymentMethod,
  quantityToMilli,
  returnableQuantities,
} from "@mostrador/domain";
import { type FormEvent, useState } from "react";
import "./registerReturnsMessages";
import { useI18n } from "../i18n/i18n";
import type { CreditNoteChoice } from "../storage/creditNoteRecords";
import type { LocalInvoice } from "../storage/localRecords";
import { LocalStoreError } from "../storage/localStoreErrors";

export interface RefundOption {
  key: string;
  paymentMethodId: string;
  kind: PaymentMethod["kind"];
  label: string;
}

/** Cash from the open shift first, then the invoice's own (non-cash) methods. */
export function refundOptions(
  invoice: LocalInvoice,
  methods: readonly PaymentMethod[],
  t: ReturnType<typeof useI18n>["t"],
): RefundOption[] {
  const options: RefundOption[] = [];
  const cash = methods.find((m) => m.kind === "cash");
  if (cash) options.push({ key: cash.id, paymentMethodId: cash.id, kind: "cash", label: t("returns.refundCash") });
  for (const p of invoice.document.payments) {
    if (p.kind === "cash" || options.some((o) => o.paymentMethodId === p.paymentMethodId)) continue;
    const name =
      methods.find((m) => m.id === p.paymentMethodId)?.name ??
      invoice.receipt?.paymentMethodNames[p.paymentMethodId] ??
      p.kind;
    options.push({
      key: p.paymentMethodId,
      paymentMethodId: p.paymentMethodId,
      kind: p.kind,
      label: t("returns.refundOriginal", { method: name }),
    });
  }
  return options;
}

/**
 * The lines of the invoice with what was sold, returned and is left, a quantity to return per
 * line (never more than is left), the refund method and a reason. `initial`: editing a note.
 */
export function ReturnForm(props: {
  invoice: LocalInvoice;
  /** Returned so far per line (the server's count plus this till's notes not yet accepted). */
  returned: readonly number[];
  refunds: RefundOption[];
  title: string;
  initial?: CreditNoteChoice;
  onSubmit: (choice: CreditNoteChoice) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, money, number: formatNumber } = useI18n();
  const lines = props.invoice.document.lines;
  const left = returnableQuantities(lines, props.returned);
  const [quantities, setQuantities] = useState<string[]>(() =>
    lines.map((_, i) => {
      const pick = props.initial?.picks.find((p) => p.invoiceLineIndex === i);
      return pick ? String(pick.quantity) : "";
    }),
  );
  const [refundKey, setRefundKey] = useState(
    props.refunds.find((o) => o.paymentMethodId === props.initial?.refund.paymentMethodId)?.key ??
      props.refunds[0]?.key ??
      "",
  );
  const [reason, setReason] = useState(props.initial?.reason ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const parsed = quantities.map((q) => (q.trim() === "" ? 0 : Number(q.replace(",", "."))));
  const invalid = parsed.some(
    (q, i) => !Number.isFinite(q) || q < 0 || quantityToMilli(q) > quantityToMilli(left[i] ?? 0),
  );
  const picks = parsed
    .map((quantity, invoiceLineIndex) => ({ invoiceLineIndex, quantity }))
    .filter((p) => Number.isFinite(p.quantity) && p.quantity > 0);
  const total =
    !invalid && picks.length > 0 ? computeCreditNoteTotals(creditNoteLinesFor(lines, props.returned, picks)).total : 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (invalid) return setError(t("returns.tooMany"));
    if (picks.length === 0) return setError(t("returns.nothingPicked"));
    if (reason.trim() === "") return setError(t("returns.reasonRequired"));
    const refund = props.refunds.find((o) => o.key === refundKey);
    if (!refund) return setError(t("returns.noNumbering"));
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit({ picks, refund: { paymentMethodId: refund.paymentMethodId, kind: refund.kind }, reason });
    } catch (e) {
      setError(messageOf(e, t));
      setBusy(false);
    }
  }

  return (
    <form className="return-form card" aria-label={props.title} onSubmit={(e) => void submit(e)}>
      <h2>{props.title}</h2>
      <table className="return-form__lines">
        <thead>
          <tr>
            <th scope="col">{t("returns.line")}</th>
            <th scope="col" className="numeric">
              {t("returns.sold")}
            </th>
            <th scope="col" className="numeric">
              {t("returns.alreadyReturned")}
            </th>
            <th scope="col" className="numeric">
              {t("returns.returnable")}
            </th>
            <th scope="col">{t("returns.quantity")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an invoice's lines never reorder
            <tr key={i}>
              <td>{line.description}</td>
              <td className="numeric">{formatNumber(line.quantity)}</td>
              <td className="numeric">{formatNumber(props.returned[i] ?? 0)}</td>
              <td className="numeric">{formatNumber(left[i] ?? 0)}</td>
              <td>
                <input
                  className="input return-form__quantity"
                  inputMode="decimal"
                  aria-label={t("returns.quantityOf", { name: line.description })}
                  disabled={(left[i] ?? 0) <= 0}
                  value={quantities[i] ?? ""}
                  onChange={(e) => setQuantities((qs) => qs.map((q, k) => (k === i ? e.target.value : q)))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field">
        <span>{t("returns.refundMethod")}</span>
        <select className="input" value={refundKey} onChange={(e) => setRefundKey(e.target.value)}>
          {props.refunds.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("returns.reason")}</span>
        <textarea
          value={reason}
          aria-required="true"
          maxLength={200}
          rows={2}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <p className="return-form__total">
        {t("returns.total")}: <strong>{money(total)}</strong>
      </p>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          {t("returns.cancel")}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("returns.saving") : t("returns.confirm")}
        </button>
      </div>
    </form>
  );
}

function messageOf(error: unknown, t: ReturnType<typeof useI18n>["t"]): string {
  if (error instanceof LocalStoreError) {
    if (error.code === "NO_NUMBERS_LEFT") return t("returns.noNumbers");
    if (error.code === "NOT_READY") return t("returns.noNumbering");
    if (error.code === "INVALID_CREDIT_NOTE") return t("returns.tooMany");
  }
  return t("returns.failed", { message: error instanceof Error ? error.message : String(error) });
}
