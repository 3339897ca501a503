import type { LocalInvoice, LocalShift } from "../storage/localRecords";
import { shiftClosingFigures } from "./shiftFigures";
import { type ZReportPeople, ZReportSheet } from "./ZReportSheet";

/** The till's "Cierre de turno": the domain's Z report over the shift's local invoices. */
export function ShiftReport({
  shift,
  invoices,
  people,
}: {
  shift: LocalShift;
  invoices: readonly LocalInvoice[];
  people?: ZReportPeople;
}) {
  const { report, pendingInvoices } = shiftClosingFigures(shift, invoices);
  return <ZReportSheet document={shift.document} report={report} pendingInvoices={pendingInvoices} people={people} />;
}
