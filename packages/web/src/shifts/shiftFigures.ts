import { type AmountByKind, type ShiftDocument, type ZReport, zReport } from "@mostrador/domain";
import type { LocalCreditNote, LocalInvoice, LocalShift } from "../storage/localRecords";

export interface ShiftFigures {
  /** The domain's Z report over the shift's local invoices and movements. */
  report: ZReport;
  /** Invoices of the shift the server has not accepted yet ("N facturas pendientes de sincronizar"). */
  pendingInvoices: number;
}

/**
 * What the till knows about a shift: the same zReport the server runs, over the invoices sold
 * here during the shift (voided ones apart) and its credit notes made here (their refunds lower the
 * expected amounts; annulled ones apart). `counted` previews a closing before it is saved.
 */
export function shiftClosingFigures(
  shift: LocalShift,
  invoices: readonly LocalInvoice[],
  counted?: AmountByKind,
  creditNotes: readonly LocalCreditNote[] = [],
): ShiftFigures {
  const document: ShiftDocument = counted
    ? {
        ...shift.document,
        status: "closed",
        closing: { closedAt: shift.document.openedAt, closedBy: shift.document.openedBy, counted, expected: [] },
      }
    : shift.document;
  // A shift held here after another device (taken over, or imported from that device's pending file) counts
  // what the server has of the other devices in soldElsewhere: their invoices also stored here (imported, or
  // found for a return) count locally only until the server has them, so none is counted twice.
  const ownOrUnsent = shift.soldElsewhere
    ? invoices.filter(
        (i) => i.document.deviceId === shift.document.deviceId || i.status === "pending" || i.status === "error",
      )
    : invoices;
  const sales = ownOrUnsent.map((i) => ({ invoice: i.document, voided: i.status === "voided" }));
  return {
    report: zReport(
      document,
      sales,
      shift.soldElsewhere,
      creditNotes.filter((n) => n.status !== "annulled").map((n) => ({ total: n.total, refunds: n.document.refunds })),
    ),
    pendingInvoices: invoices.filter((i) => i.status === "pending" || i.status === "error").length,
  };
}
