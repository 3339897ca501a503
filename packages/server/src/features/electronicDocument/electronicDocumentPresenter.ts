import type { ElectronicDocumentDetail, ElectronicDocumentSummary } from "@mostrador/domain";
import {
  presentElectronicDocumentSending,
  presentElectronicDocumentSendingDetail,
} from "./electronicDocumentSendingPresenter";

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

export const ELECTRONIC_DOCUMENT_SUMMARY_COLUMNS =
  "invoice_id, kind, number, environment, state, problem, cude, dian_rule_codes, attempts, created_at, updated_at";

export function presentElectronicDocument(row: Row): ElectronicDocumentSummary {
  return {
    invoiceId: String(row.invoice_id),
    kind: "dee_pos",
    number: String(row.number),
    environment: String(row.environment) as ElectronicDocumentSummary["environment"],
    state: String(row.state) as ElectronicDocumentSummary["state"],
    problem: textOrNull(row.problem),
    cude: textOrNull(row.cude),
    dianRuleCodes: ((row.dian_rule_codes as unknown[] | null) ?? []).map(String),
    attempts: Number(row.attempts),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...presentElectronicDocumentSending(row),
  };
}

export function presentElectronicDocumentDetail(row: Row): ElectronicDocumentDetail {
  return {
    ...presentElectronicDocument(row),
    qrText: textOrNull(row.qr_text),
    xml: textOrNull(row.xml),
    dianResponse: textOrNull(row.dian_response),
    ...presentElectronicDocumentSendingDetail(row),
  };
}
