import { lazy, Suspense } from "react";
import type { LocalCreditNote, LocalInvoice, LocalShift } from "../storage/localRecords";
import { shiftClosingFigures } from "./shiftFigures";
import type { ZReportPeople } from "./ZReportSheet";

// The Z report (and the closing form's labels it shares) is its own chunk: shown after a shift closes.
const ZReportSheet = lazy(() => import("./ZReportSheet").then((m) => ({ default: m.ZReportSheet })));

/** The till's "Cierre de turno": the domain's Z report over the shift's local invoices. */
export function ShiftReport({
  shift,
  invoices,
  creditNotes,
  people,
}: {
  shift: LocalShift;
  invoices: readonly LocalInvoice[];
  creditNotes?: readonly LocalCreditNote[];
  people?: ZReportPeople;
}) {
  const { report, pendingInvoices } = shiftClosingFigures(shift, invoices, undefined, creditNotes);
  return (
    <Suspense fallback={null}>
      <ZReportSheet document={shift.document} report={report} pendingInvoices={pendingInvoices} people={people} />
    </Suspense>
  );
}
