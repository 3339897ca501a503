import type { AmountByKind, PaymentMethodKind } from "@mostrador/domain";
import { type FormEvent, useState } from "react";
import { type MessageKey, useI18n } from "../i18n/i18n";
import { formatMoneyInput, parseMoneyInput } from "../sale/payment";
import { useAppServices } from "../services/appServices";
import type { LocalShift } from "../storage/localRecords";
import { DenominationCount } from "./DenominationCount";
import { countDenominations, denominationLabel, type TypedCounts } from "./denominations";
import { differenceLabel } from "./differenceLabel";
import { shiftClosingFigures } from "./shiftFigures";
import { useShiftCreditNotes, useShiftInvoices } from "./useShift";

export const kindLabel = (kind: PaymentMethodKind) => `shift.kind.${kind}` as MessageKey;

/**
 * "Cerrar turno": what the shift expected per payment kind (the domain's Z report over the local
 * invoices and movements), the counted amounts, and the difference before confirming.
 */
export function CloseShiftForm(props: {
  shift: LocalShift;
  userId: string;
  onClosed: (shiftId: string) => void;
  onCancel: () => void;
}) {
  const { store, syncEngine } = useAppServices();
  const i18n = useI18n();
  const { t, money } = i18n;
  const invoices = useShiftInvoices(props.shift.id);
  const creditNotes = useShiftCreditNotes(props.shift.id);
  const [typed, setTyped] = useState<Partial<Record<PaymentMethodKind, string>>>({});
  /** The count by bill and coin, when the cashier chose it; null = the cash amount is typed. */
  const [pieces, setPieces] = useState<TypedCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!invoices || !creditNotes) return null;
  const { report } = shiftClosingFigures(props.shift, invoices, undefined, creditNotes);
  const byDenomination = pieces ? countDenominations(pieces) : null;
  const denominationProblem =
    byDenomination && "problem" in byDenomination
      ? t("shift.badPieces", { label: denominationLabel(i18n, byDenomination.problem) })
      : null;
  // Cash must be counted; other kinds start at what the invoices say (card and transfer slips).
  const textOf = (kind: PaymentMethodKind, expected: number) => {
    if (kind === "cash" && byDenomination) return "cash" in byDenomination ? formatMoneyInput(byDenomination.cash) : "";
    return typed[kind] ?? (kind === "cash" ? "" : formatMoneyInput(expected));
  };
  const counted: AmountByKind | null = (() => {
    const out: AmountByKind = [];
    for (const e of report.expected) {
      const text = textOf(e.kind, e.amount);
      const amount = text.trim() === "" ? null : parseMoneyInput(text);
      if (amount === null) return null;
      out.push({ kind: e.kind, amount });
    }
    return out;
  })();
  const preview = counted ? shiftClosingFigures(props.shift, invoices, counted, creditNotes).report : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!counted) return setError(t("shift.badAmount"));
    setBusy(true);
    try {
      const cashDenominations = byDenomination && "entries" in byDenomination ? byDenomination.entries : undefined;
      await store.closeShift(props.shift.id, {
        closedBy: props.userId,
        counted,
        expected: report.expected,
        ...(cashDenominations ? { cashDenominations } : {}),
      });
      syncEngine.requestSync("shift"); // on disk: upload it when the connection allows
      props.onClosed(props.shift.id);
    } catch (e) {
      setError(t("shift.saveFailed", { message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  }

  return (
    <form className="card shift-form" onSubmit={(e) => void submit(e)} aria-labelledby="close-shift-title">
      <h2 id="close-shift-title">{t("shift.closeTitle")}</h2>
      <table className="shift-table">
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">{t("shift.kindColumn")}</span>
            </th>
            <th>{t("shift.expected")}</th>
            <th>{t("shift.counted")}</th>
            <th>{t("shift.difference")}</th>
          </tr>
        </thead>
        <tbody>
          {report.expected.map((e) => {
            const line = preview?.differences.find((d) => d.kind === e.kind);
            return (
              <tr key={e.kind}>
                <th scope="row">{t(kindLabel(e.kind))}</th>
                <td>{money(e.amount)}</td>
                <td>
                  <input
                    inputMode="decimal"
                    aria-label={t("shift.countedOf", { kind: t(kindLabel(e.kind)) })}
                    value={textOf(e.kind, e.amount)}
                    readOnly={e.kind === "cash" && pieces !== null}
                    onChange={(ev) => setTyped((c) => ({ ...c, [e.kind]: ev.target.value }))}
                  />
                </td>
                <td className="shift-difference" data-kind={e.kind}>
                  {line?.difference != null ? differenceLabel(i18n, line.difference) : ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="button button--ghost" onClick={() => setPieces(pieces ? null : {})}>
        {t(pieces ? "shift.stopDenominations" : "shift.countByDenomination")}
      </button>
      {pieces && <DenominationCount typed={pieces} onChange={setPieces} />}
      {denominationProblem && (
        <p className="message message--error" role="alert">
          {denominationProblem}
        </p>
      )}
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onCancel}>
          {t("shift.cancel")}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || !counted}>
          {t("shift.confirmClose")}
        </button>
      </div>
    </form>
  );
}
