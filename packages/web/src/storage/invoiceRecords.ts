import {
  type InvoiceDocument,
  type InvoiceRejection,
  type InvoiceReturnStatus,
  isServerInvoiceStatus,
  type LocalInvoiceStatus,
  localInvoiceStatusOf,
} from "@mostrador/domain";
import type { LocalInvoice, TillElectronicDocument } from "./localRecords";

/**
 * The one place a LocalInvoice is made from its document and the one place the server's word
 * about an invoice (push answer or pull row) turns into the till's status, so the copied
 * columns (number, total, client...) and the status vocabulary never drift apart.
 */

/** What a record holds besides its document; the columns copied from the document are always recomputed. */
export type LocalInvoiceFields = Pick<LocalInvoice, "status" | "clientName" | "receipt"> &
  Partial<
    Omit<LocalInvoice, "id" | "issuedAt" | "number" | "prefix" | "numberingId" | "clientId" | "total" | "document">
  >;

export function localInvoiceFromDocument(
  document: InvoiceDocument,
  fields: LocalInvoiceFields,
  now: string,
): LocalInvoice {
  return {
    errors: [],
    serverRevision: 0,
    serverVersion: null,
    createdAt: now,
    ...fields,
    id: document.id,
    issuedAt: document.issuedAt,
    number: document.number,
    prefix: document.prefix,
    numberingId: document.numberingId,
    clientId: document.clientId,
    total: document.totals.total,
    document,
    updatedAt: now,
  };
}

/** The domain's one mapping (accepted → synced, rejected → error, voided → voided); anything else the server stored counts as synced. */
export function localStatusOf(serverStatus: string): LocalInvoiceStatus {
  return isServerInvoiceStatus(serverStatus) ? localInvoiceStatusOf(serverStatus) : "synced";
}

/** What the server says about one revision of an invoice. */
export interface ServerInvoiceState {
  status: string;
  revision: number;
  /** The invoice's change version on the server; null keeps the one the till knows. */
  version: number | null;
  /** The number the server assigned (electronic numbering); the till's own number is never replaced. */
  number: number | null;
  errors: readonly InvoiceRejection[];
  /** Returns so far (any till's), when the server said (push answers and pull rows since issue 13). */
  returnedQuantities?: readonly number[];
  returnStatus?: InvoiceReturnStatus;
  /** The electronic document (CUDE, QR, state) when the server has one for it (issue 19). */
  electronicDocument?: TillElectronicDocument | null;
}

const electronicDocumentStates = new Set(["not_generated", "generated", "sent", "accepted", "rejected"]);

/** The electronic document of a push answer or pull row, read without the zod chunk; undefined if none or malformed. */
export function tillElectronicDocumentOf(value: unknown): TillElectronicDocument | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.state !== "string" || !electronicDocumentStates.has(v.state)) return undefined;
  const text = (x: unknown) => (typeof x === "string" ? x : null);
  return {
    state: v.state as TillElectronicDocument["state"],
    cude: text(v.cude),
    qrText: text(v.qrText),
    contingency: v.contingency === true,
  };
}

export function applyServerInvoiceState(local: LocalInvoice, state: ServerInvoiceState, now: string): LocalInvoice {
  // A void made here and not yet answered keeps the invoice "Anulada" (its answer decides).
  const status = local.pendingVoidId && state.status === "accepted" ? local.status : localStatusOf(state.status);
  const number = local.number ?? state.number;
  return {
    ...local,
    ...(state.returnedQuantities ? { returnedQuantities: [...state.returnedQuantities] } : {}),
    ...(state.returnStatus ? { returnStatus: state.returnStatus } : {}),
    ...(state.electronicDocument ? { electronicDocument: state.electronicDocument } : {}),
    number,
    document: local.document.number === null && number !== null ? { ...local.document, number } : local.document,
    status,
    errors: status === "error" ? [...state.errors] : [],
    serverRevision: state.revision,
    serverVersion: state.version ?? local.serverVersion,
    updatedAt: now,
  };
}

/**
 * Whether `after` (applyServerInvoiceState of `before`) differs from `before` in more than updatedAt.
 * The pull after a push brings back every invoice that push delivered, in the state its answer
 * already wrote here: those need no IndexedDB write (a put rewrites the record and its indexes).
 * Anything the server changed since (a newer version, the electronic document's state, returns)
 * still differs and is written.
 */
export function sameServerState(before: LocalInvoice, after: LocalInvoice): boolean {
  const json = (x: unknown) => JSON.stringify(x ?? null);
  return (
    before.status === after.status &&
    before.number === after.number &&
    before.document === after.document &&
    before.serverRevision === after.serverRevision &&
    before.serverVersion === after.serverVersion &&
    before.returnStatus === after.returnStatus &&
    json(before.errors) === json(after.errors) &&
    json(before.returnedQuantities) === json(after.returnedQuantities) &&
    json(before.electronicDocument) === json(after.electronicDocument)
  );
}
