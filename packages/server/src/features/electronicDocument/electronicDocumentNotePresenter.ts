import type { ElectronicDocumentSummary } from "@mostrador/domain";

type Row = Record<string, unknown>;
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The adjustment notes' columns of electronic_documents, selected beside the summary's. */
export const ELECTRONIC_DOCUMENT_NOTE_COLUMNS =
  "kind, document_id, note_id, note_reason, references_number, references_cude";

type NoteFields = Pick<
  ElectronicDocumentSummary,
  "kind" | "documentId" | "noteId" | "noteReason" | "referencesNumber" | "referencesCude"
>;

/** A row's kind and, for an adjustment note, its id, why, and the ticket it references. */
export function presentElectronicDocumentNote(row: Row): NoteFields {
  return {
    kind: row.kind === "adjustment_note" ? "adjustment_note" : "dee_pos",
    documentId: String(row.document_id ?? row.note_id ?? row.invoice_id),
    noteId: textOrNull(row.note_id),
    noteReason: row.note_reason === "return" || row.note_reason === "void" ? row.note_reason : null,
    referencesNumber: textOrNull(row.references_number),
    referencesCude: textOrNull(row.references_cude),
  };
}

const KIND_NAMES: Record<string, string> = {
  dee_pos: "Documento equivalente POS",
  adjustment_note: "Nota de ajuste",
};
const REASON_NAMES: Record<string, string> = { return: "Devolución", void: "Anulación" };

/** The CSV's columns of a note: its kind, why, and the ticket it references. */
export const ELECTRONIC_DOCUMENT_NOTE_CSV_HEADERS = ["Tipo", "Motivo", "Documento referenciado", "CUDE referenciado"];

export function electronicDocumentNoteCsvCells(d: NoteFields): string[] {
  return [
    KIND_NAMES[d.kind] ?? d.kind,
    d.noteReason ? (REASON_NAMES[d.noteReason] ?? d.noteReason) : "",
    d.referencesNumber ?? "",
    d.referencesCude ?? "",
  ];
}
