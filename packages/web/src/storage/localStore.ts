import type {
  DeviceReport,
  InvoiceDocument,
  InvoiceDocumentInput,
  LocalInvoiceStatus,
  PullResponse,
  PushResult,
  ShiftDocument,
  ShiftPushResult,
  SyncedEntity,
} from "@mostrador/domain";
import type {
  CategoryRecord,
  ClientRecord,
  LocalInvoice,
  LocalShift,
  MaintenanceWindowRecord,
  MetaKey,
  MetaValues,
  NumberBlockRecord,
  NumberingRecord,
  PaymentMethodRecord,
  PriceListRecord,
  ProductRecord,
  ReceiptContext,
  TaxRecord,
  TerminalRecord,
} from "./localRecords";
import type { PendingFileContents, PendingImportResult } from "./pendingFileImport";
import type { ReturnsStore } from "./returnsStore";
import type { CashMovementInput, CloseShiftInput, OpenShiftInput } from "./shiftRecords";
import type { TakeOverShiftInput } from "./shiftTakeover";
import type { TillStockSnapshot } from "./stockRecords";
import type { TillClientsStore } from "./tillClientRecords";
import type { UnsyncedBesideInvoices, UnsyncedCounts, UnsyncedRecords } from "./unsyncedRecords";

/** What the till fills in; the store adds the number, prefix and revision atomically. */
export type NewInvoiceDraft = Omit<InvoiceDocumentInput, "number" | "prefix" | "revision"> & {
  receipt: ReceiptContext;
};

export interface PullCursors {
  cursor: number;
  invoiceCursor: number;
  /** Inventory (issue 14): the stock section's cursor and the warehouse it is for. */
  stockCursor?: number;
  stockWarehouseId?: string;
}

export interface InvoiceListQuery {
  status?: LocalInvoiceStatus;
  /** Matches the number ("POS-12", "12") or the client's name. */
  text?: string;
  limit?: number;
}

export type InvoiceStatusCounts = Record<LocalInvoiceStatus, number>;

/** Where a page of the push queue ended: the last pending invoice it read (the queue's order is issuedAt, id). */
export interface PushQueuePosition {
  issuedAt: string;
  id: string;
}

/** A page of the push queue: its documents to send, and where the next page starts (null: the queue ends here). */
export interface PushQueuePage {
  documents: InvoiceDocument[];
  next: PushQueuePosition | null;
}

export interface ApplyPullResult {
  /** Cursors stored with the page. */
  cursor: number;
  invoiceCursor: number;
  reset: boolean;
  /** Rows applied per entity (upserts and deletions). */
  appliedByEntity: Partial<Record<SyncedEntity, number>>;
  /** Invoices the page did not touch because they have local changes not yet uploaded. */
  keptLocalInvoices: string[];
  /** Shifts the page did not touch because a newer revision waits here. */
  keptLocalShifts: string[];
}

export interface ApplyPushResult {
  synced: number;
  rejected: number;
  retry: number;
  /** Results for invoices edited locally meanwhile, or unknown here: they stay as they are. */
  ignored: number;
}

export interface ImportResult {
  imported: number;
  alreadyPresent: number;
  invalid: number;
}

/** What one terminal sells with, read together (useSellingData). */
export interface TerminalSetup {
  terminal: TerminalRecord;
  numbering: NumberingRecord | undefined;
  /** The contingency numbering the terminal's DEE POS numbering names (tickets sold offline, issue 19). */
  contingencyNumbering: NumberingRecord | undefined;
  /** The terminal's active methods, in the terminal's order. */
  paymentMethods: PaymentMethodRecord[];
  taxes: TaxRecord[];
  categories: CategoryRecord[];
  priceList: PriceListRecord | undefined;
}

/**
 * The till's local database, seen by the UI and the sync engine. Every read is a named query:
 * called inside `useLiveQuery` (dexie-react-hooks) or `watchQuery` it re-runs whenever the rows
 * it read change, also from another tab. Every write that has rules (numbers, invoices, pulls)
 * goes through these methods.
 */
export interface LocalStore {
  /** Credit notes (returns) and voids of synced invoices (issue 13). */
  readonly returns: ReturnsStore;
  /** Clients created at this till, each a pending record of its own (issue 16). */
  readonly tillClients: TillClientsStore;
  /** Inventory (issue 14): the terminal's warehouse balances and this till's invoices, for the tiles. */
  readTillStock(): Promise<TillStockSnapshot>;
  /**
   * Opens the database (schema upgrades run here). `onVersionChange`: a newer version of the app
   * in another tab upgraded the schema and this connection was closed.
   */
  open(options: { onVersionChange: () => void }): Promise<void>;

  getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined>;
  setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void>;
  deleteMeta(key: MetaKey): Promise<void>;

  listProducts(): Promise<ProductRecord[]>;
  listClients(): Promise<ClientRecord[]>;
  listTaxes(): Promise<TaxRecord[]>;
  listPaymentMethods(): Promise<PaymentMethodRecord[]>;
  listNumberings(): Promise<NumberingRecord[]>;
  listMaintenanceWindows(): Promise<MaintenanceWindowRecord[]>;
  getTerminal(id: string): Promise<TerminalRecord | undefined>;
  getNumbering(id: string): Promise<NumberingRecord | undefined>;
  /** The terminal with its numbering, methods, taxes, categories and price list; null when the terminal is not here. */
  getTerminalSetup(terminalId: string): Promise<TerminalSetup | null>;

  /** Cursors of the last applied pull page (0 before the first load). */
  getCursors(): Promise<PullCursors>;
  /**
   * Applies one pull page in one transaction with its cursor: upserts, tombstones, `reset`
   * (drops the downloaded data first). Never overwrites an invoice with unsent changes.
   */
  applyPullPage(page: PullResponse): Promise<ApplyPullResult>;

  /**
   * The push queue, invoices whose current revision the server has not answered for, oldest first, a page at a
   * time: up to `size` pending invoices after `after` (from the start without it), of which those with unsent
   * changes are the page's documents. The push sends a page while it reads the next.
   */
  listInvoicesToPushPage(size: number, after?: PushQueuePosition): Promise<PushQueuePage>;
  /** accepted → synced, rejected → error (with the errors), retry → stays pending. */
  applyPushResults(results: readonly PushResult[]): Promise<ApplyPushResult>;
  countInvoicesByStatus(): Promise<InvoiceStatusCounts>;
  /** What the till tells the server about everything it has not uploaded (see unsyncedRecords.deviceReportFromDb). */
  deviceReport(): Promise<DeviceReport>;

  /**
   * Takes the next number of the device's blocks and stores the invoice as pending, in one
   * read-write transaction: durable before it resolves, and no two saves get one number.
   * Throws LocalStoreError NO_NUMBERS_LEFT, QUOTA_EXCEEDED, INVALID_INVOICE, NOT_READY.
   */
  saveNewInvoice(draft: NewInvoiceDraft): Promise<LocalInvoice>;
  getInvoice(id: string): Promise<LocalInvoice | undefined>;
  /**
   * "Editar" → "Facturar" on an invoice in error: stores revision + 1 of the same invoice (same id) as
   * pending, in one read-write transaction. It keeps its number unless `newNumber` (the error was about
   * the number) or the numbering changed: then it takes the next number of the device's blocks and the
   * old number is recorded as voided. The sale keeps its date (unless that was in the future).
   * Throws LocalStoreError NOT_FOUND, NOT_EDITABLE, NO_NUMBERS_LEFT, INVALID_INVOICE, NOT_READY, QUOTA_EXCEEDED.
   */
  saveRevision(id: string, draft: NewInvoiceDraft, options: { newNumber: boolean }): Promise<LocalInvoice>;
  /** "Sincronizar de nuevo": an invoice in error becomes pending again with the same revision. */
  resendInvoice(id: string): Promise<LocalInvoice>;
  /** The server voided the invoice ("Anular"): it stays here as "Anulada" with its reason. */
  markInvoiceVoided(id: string, reason: string): Promise<LocalInvoice>;
  /** Newest first. */
  listInvoices(query?: InvoiceListQuery): Promise<LocalInvoice[]>;
  /** How many numbers the device's blocks still have for a numbering. */
  numbersLeft(numberingId: string): Promise<number>;
  /** Stores blocks just leased (same merge as a pull: the device's own next number is kept). */
  putNumberBlocks(blocks: readonly NumberBlockRecord[]): Promise<void>;

  /** Pending and error invoices, for "Exportar pendientes". */
  listUnsyncedInvoices(): Promise<LocalInvoice[]>;
  /** Adds exported invoices as pending; ones already here (same or newer revision) are skipped. */
  importInvoices(documents: readonly unknown[]): Promise<ImportResult>;
  /** What exists only here, per kind (the sign-out check, the revoked-device notice); a live query. */
  countUnsynced(): Promise<UnsyncedCounts>;
  /** The same counts but invoices': the sync indicator's live query beside countInvoicesByStatus. */
  countUnsyncedBesideInvoices(): Promise<UnsyncedBesideInvoices>;
  /** Every record countUnsynced counts, as the push uploads it: "Exportar pendientes". */
  listUnsyncedRecords(): Promise<UnsyncedRecords>;
  /**
   * "Importar pendientes" of a whole file in one transaction: each kind's records become pending here
   * (a shift of another device of this terminal as a handover); what this device may not upload is
   * listed in `refused`, not written. Records already here are counted, not written again.
   */
  importPendingFile(contents: PendingFileContents): Promise<PendingImportResult>;

  /** The open shift of this terminal on this device (a live query), or undefined. */
  getOpenShift(terminalId: string): Promise<LocalShift | undefined>;
  getShift(id: string): Promise<LocalShift | undefined>;
  /** "Abrir turno", durable before it resolves. Throws SHIFT_ALREADY_OPEN, INVALID_SHIFT, QUOTA_EXCEEDED. */
  openShift(input: OpenShiftInput): Promise<LocalShift>;
  /** "Tomar turno": the terminal's shift held by another device becomes this one's (a pending revision). */
  takeOverShift(input: TakeOverShiftInput): Promise<LocalShift>;
  /** An "Ingreso"/"Retiro": a new pending revision. Throws NOT_FOUND, SHIFT_NOT_OPEN, INVALID_SHIFT. */
  addCashMovement(shiftId: string, input: CashMovementInput): Promise<LocalShift>;
  /** "Cerrar turno": the closed revision, pending. Throws NOT_FOUND, SHIFT_NOT_OPEN, INVALID_SHIFT. */
  closeShift(shiftId: string, input: CloseShiftInput): Promise<LocalShift>;
  /** The invoices sold during the shift (document.shiftId), oldest first. */
  listShiftInvoices(shiftId: string): Promise<LocalInvoice[]>;
  /** Shifts whose current revision the server has not answered for, oldest first. */
  listShiftsToPush(limit: number): Promise<ShiftDocument[]>;
  /** accepted → synced, rejected → error, retry → stays pending. */
  applyShiftPushResults(results: readonly ShiftPushResult[]): Promise<ApplyPushResult>;

  /** Forgets everything: session, device, catalog and invoices. */
  clearAll(): Promise<void>;
  /**
   * Sign-out: forgets everything only if no invoice, shift, credit note or void is pending or in error, checked in the
   * same transaction (a sale saved meanwhile in another tab is never wiped). Returns whether it did.
   */
  clearAllIfSynced(): Promise<boolean>;
  close(): void;
}
