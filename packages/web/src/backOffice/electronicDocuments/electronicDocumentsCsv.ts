import Papa from "papaparse";
import { csvDateTime } from "../../shifts/admin/shiftsCsv";
import type { ScreenDocument } from "./electronicDocumentsSchemas";

export interface ElectronicDocumentsCsvHeaders {
  number: string;
  issuedAt: string;
  terminal: string;
  state: string;
  contingency: string;
  outageEndedAt: string;
  deadlineAt: string;
  ruleCodes: string;
  attempts: string;
  cude: string;
  problem: string;
  invoiceId: string;
}

/** The list as a spreadsheet reads it (UTF-8 with BOM, instants in the shop's zone). */
export function electronicDocumentsCsv(
  documents: readonly ScreenDocument[],
  headers: ElectronicDocumentsCsvHeaders,
  labels: { state: (state: ScreenDocument["state"]) => string; yes: string; no: string },
  timeZone: string,
): string {
  const rows = documents.map((d) => [
    d.number,
    csvDateTime(d.issuedAt, timeZone),
    d.terminalName ?? "",
    labels.state(d.state),
    d.contingency ? labels.yes : labels.no,
    csvDateTime(d.outageEndedAt, timeZone),
    csvDateTime(d.deadlineAt, timeZone),
    d.dianRuleCodes.join(" "),
    String(d.attempts),
    d.cude ?? "",
    d.problem ?? "",
    d.invoiceId,
  ]);
  const order = [
    headers.number,
    headers.issuedAt,
    headers.terminal,
    headers.state,
    headers.contingency,
    headers.outageEndedAt,
    headers.deadlineAt,
    headers.ruleCodes,
    headers.attempts,
    headers.cude,
    headers.problem,
    headers.invoiceId,
  ];
  return `\uFEFF${Papa.unparse([order, ...rows], { newline: "\r\n" })}`;
}
