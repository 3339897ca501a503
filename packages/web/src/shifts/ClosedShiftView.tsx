import { useI18n } from "../i18n/i18n";
import type { TillNames } from "./MovementSlip";
import { ShiftReport } from "./ShiftReport";
import { useShift, useShiftCreditNotes, useShiftInvoices } from "./useShift";

/** After "Confirmar cierre": the "Cierre de turno" to print, then back to "Abrir turno". */
export function ClosedShiftView({ shiftId, names, onDone }: { shiftId: string; names: TillNames; onDone: () => void }) {
  const { t } = useI18n();
  const shift = useShift(shiftId);
  const invoices = useShiftInvoices(shiftId);
  const creditNotes = useShiftCreditNotes(shiftId);
  if (!shift || !invoices || !creditNotes) return null;
  return (
    <section className="receipt-view">
      <ShiftReport
        shift={shift}
        invoices={invoices}
        creditNotes={creditNotes}
        // The cashier on this till closed it; who opened it is named when it was the same person, or
        // when the shift was taken over from them (the pull named them).
        people={{
          company: names.company,
          terminal: names.terminal,
          openedBy: shift.document.openedBy === names.cashierId ? names.cashier : shift.openedByName,
          closedBy: names.cashier,
        }}
      />
      <div className="receipt-view__actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("shift.print")}
        </button>
        <button type="button" className="button button--primary button--large" autoFocus onClick={onDone}>
          {t("shift.continue")}
        </button>
      </div>
    </section>
  );
}
