import type {
  Category,
  Client,
  ClientRejection,
  Company,
  CreditNoteDocument,
  InvoiceDocument,
  InvoiceRejection,
  InvoiceReturnStatus,
  InvoiceVoidDocument,
  LocalInvoiceStatus,
  Minor,
  NewClient,
  Numbering,
  PaymentMethod,
  PriceList,
  Product,
  ReturnRejection,
  Role,
  ShiftDocument,
  ShiftRejection,
  SoldElsewhere,
  Tax,
  TaxRegime,
  Terminal,
  TerminalShift,
  Warehouse,
} from "@mostrador/domain";

/** Shapes of the rows kept in the browser's database. */

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  terminalIds: string[];
}

/** The logged-in cashier: the user token is only used online (terminals, device registration). */
export interface SessionInfo {
  token: string;
  user: SessionUser;
  company: Company | null;
  loggedInAt: string;
}

/** This browser registered as a device of one terminal; the device token works for sync, also after reloads. */
export interface DeviceIdentity {
  deviceId: string;
  deviceToken: string;
  terminalId: string;
  userId: string;
  registeredAt: string;
}

/** Set once the terminal's data was fully loaded online: from then on the till can sell offline. */
export interface Readiness {
  ready: boolean;
  terminalId: string;
  loadedAt: string;
}

export interface SyncState {
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
}

export interface MetaValues {
  session: SessionInfo;
  device: DeviceIdentity;
  readiness: Readiness;
  syncCursor: number;
  /** This device's invoices have their own version counter on the server. */
  invoiceCursor: number;
  company: Company;
  syncState: SyncState;
  /** The open shift of this terminal as the last pull saw it (null: none), whoever holds it. */
  terminalShift: TerminalShift | null;
  /** Inventory (issue 14): the pull's stock cursor, and what the stored balances count. */
  stockCursor: number;
  stockPull: StockPullState;
}
export type MetaKey = keyof MetaValues;

export interface MetaRecord<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

/** Products are searched in memory (sale/productSearchIndex.ts), not through IndexedDB indexes. */
export type ProductRecord = Product;
/** Clients carry their normalized name and id words for the in-memory client search. */
export type ClientRecord = Client & { searchWords: string[]; createdOffline?: boolean };
/** Dexie v8 (issue 17): a few hundred catalog rows in one IndexedDB record (storage/catalogChunks.ts). */
export interface CatalogChunkRecord<T> {
  id: string;
  rows: T[];
}
/** A product or client deleted on the server after it was stored (it may sit in a chunk). */
export interface CatalogTombstoneRecord {
  id: string;
  version: number;
}
/**
 * A client created at this till ("Nuevo cliente", storage table `tillClients`, Dexie v7): its own
 * pending record, uploaded in the push's `clients` section whether or not a sale used it.
 * pending → synced when the server has it (also as a duplicate); error when it refused it.
 */
export interface LocalTillClient {
  id: string;
  status: "pending" | "synced" | "error";
  client: NewClient;
  errors: ClientRejection[];
  /** The client that already held this id type and number on the server, when another one did. */
  sameAs?: string;
  createdAt: string;
  updatedAt: string;
}

export type CategoryRecord = Category;
export type TaxRecord = Tax;
export type PriceListRecord = PriceList;
export type WarehouseRecord = Warehouse;
export type PaymentMethodRecord = PaymentMethod;
export type NumberingRecord = Numbering;
export type TerminalRecord = Terminal;

/** Consecutive numbers leased to this device from one numbering. */
export interface NumberBlockRecord {
  id: string;
  numberingId: string;
  rangeFrom: number;
  rangeTo: number;
  /** Next number this device may use; the device keeps the highest of its own and the server's. */
  nextNumber?: number;
  /** Numbers from here on were released by an admin: never used. */
  releasedFrom?: number | null;
  [extra: string]: unknown;
}

export interface MaintenanceWindowRecord {
  id: string;
  startsAt: string;
  endsAt: string;
  message?: string;
  version?: number;
  [extra: string]: unknown;
}

/** What the receipt needs besides the document, frozen at the moment of the sale. */
export interface ReceiptContext {
  companyName: string;
  companyNit: string;
  /** Company settings printed on the receipt (issue 11); absent on receipts saved before them. */
  companyAddress?: string;
  companyPhone?: string;
  taxRegime?: TaxRegime;
  receiptHeader?: string;
  receiptFooter?: string;
  timeZone: string;
  currency: string;
  terminalName: string;
  cashierName: string;
  clientName: string;
  clientIdType: string;
  clientIdNumber: string;
  numberingName: string;
  rangeFrom: number;
  rangeTo: number;
  validFrom: string;
  validUntil: string;
  resolution: string;
  electronic: boolean;
  /**
   * The DIAN document the ticket is (issue 19): "dee_pos", the electronic equivalent POS document;
   * "contingency", a paper ticket sold offline that the server turns into one. Absent: a plain
   * invoice (and receipts saved before issue 19).
   */
  documentKind?: "dee_pos" | "contingency";
  paymentMethodNames: Record<string, string>;
}

/** The invoice's DIAN electronic document as the server last told this till (push answer, pull row). */
export interface TillElectronicDocument {
  state: "not_generated" | "generated" | "sent" | "accepted" | "rejected";
  cude: string | null;
  qrText: string | null;
  contingency: boolean;
}

export interface LocalInvoice {
  id: string;
  status: LocalInvoiceStatus;
  issuedAt: string;
  /** null for an electronic numbering until the server accepts the invoice and assigns it. */
  number: number | null;
  prefix: string;
  numberingId: string;
  clientId: string;
  clientName: string;
  total: Minor;
  document: InvoiceDocument;
  errors: InvoiceRejection[];
  /** Highest revision the server answered for (accepted or rejected); 0 when never. */
  serverRevision: number;
  serverVersion: number | null;
  receipt: ReceiptContext | null;
  createdAt: string;
  updatedAt: string;
  /** Came from an "Exportar pendientes" file. */
  imported?: boolean;
  /** Numbers this invoice held before a revision took a new one (an error about the number): voided. */
  voidedNumbers?: VoidedNumberRecord[];
  /** Why it was voided ("Anular"). */
  voidReason?: string;
  /** A void made here and not yet answered by the server: the invoice shows "Anulada" meanwhile. */
  pendingVoidId?: string;
  /** What the server says came back through credit notes (any till's), per invoice line. */
  returnedQuantities?: number[];
  returnStatus?: InvoiceReturnStatus;
  /** DEE POS and contingency sales: their electronic document once the server generated it (issue 19). */
  electronicDocument?: TillElectronicDocument;
}

/** A credit note's sync status; "annulled": a note in error given up on this till (never sent again). */
export type LocalCreditNoteStatus = "pending" | "synced" | "error" | "annulled";

/** A credit note ("nota crédito", a return) made on this till: its current revision and the server's word. */
export interface LocalCreditNote {
  id: string;
  status: LocalCreditNoteStatus;
  invoiceId: string;
  issuedAt: string;
  numberingId: string;
  prefix: string;
  number: number;
  total: Minor;
  document: CreditNoteDocument;
  errors: ReturnRejection[];
  /** Highest revision the server answered for (accepted or rejected); 0 when never. */
  serverRevision: number;
  serverVersion: number | null;
  /** The invoice's receipt context with this note's cashier, frozen when it was made. */
  receipt: ReceiptContext | null;
  createdAt: string;
  updatedAt: string;
}

export function creditNoteHasUnsentChanges(note: LocalCreditNote): boolean {
  return note.document.revision > note.serverRevision;
}

/** A void's sync status; "discarded": a void in error given up on this till (never sent again). */
export type LocalInvoiceVoidStatus = "pending" | "synced" | "error" | "discarded";

/** A void ("Anular") of a synced invoice made on this till, synced like a document. */
export interface LocalInvoiceVoid {
  id: string;
  invoiceId: string;
  status: LocalInvoiceVoidStatus;
  document: InvoiceVoidDocument;
  errors: ReturnRejection[];
  createdAt: string;
  updatedAt: string;
}

/** A number given up when an invoice in error was re-billed with a new number: recorded as voided. */
export interface VoidedNumberRecord {
  numberingId: string;
  prefix: string;
  number: number;
  /** The revision that carried it. */
  revision: number;
  /** The rejection codes that made the invoice take a new number. */
  reasons: string[];
  at: string;
}

/** An invoice has changes the server has not answered for: a pull must never overwrite it. */
export function hasUnsentChanges(invoice: LocalInvoice): boolean {
  return invoice.document.revision > invoice.serverRevision;
}

/** Like an invoice's: pending until the server answers its current revision, then synced or error. */
export type LocalShiftSyncStatus = "pending" | "synced" | "error";

/** A cash shift ("turno") of this device: its current revision and what the server said about it. */
export interface LocalShift {
  id: string;
  terminalId: string;
  /** Copied from the document for the "open shift of this terminal" index. */
  shiftStatus: "open" | "closed";
  openedAt: string;
  status: LocalShiftSyncStatus;
  document: ShiftDocument;
  errors: ShiftRejection[];
  /** Highest revision the server answered for (accepted or rejected); 0 when never. */
  serverRevision: number;
  serverVersion: number | null;
  createdAt: string;
  updatedAt: string;
  /** A shift taken over here ("Tomar turno"): what the server says was sold on other devices. */
  soldElsewhere?: SoldElsewhere;
  /** A shift taken over here: the name of the cashier who opened it (for the Cierre de turno). */
  openedByName?: string;
}

export function shiftHasUnsentChanges(shift: LocalShift): boolean {
  return shift.document.revision > shift.serverRevision;
}

// Inventory (issue 14)
/** A balance of the terminal's warehouse as the last pull brought it (storage table `stock`). */
export interface StockBalanceRecord {
  productId: string;
  quantity: number;
  minStock: number | null;
}

/** What the pull's stock section left in meta: for which invoices the balances already count. */
export interface StockPullState {
  warehouseId: string;
  /** This device's invoices with a server version up to this one are counted in the balances. */
  invoiceVersion: number;
  /** When the last stock pull was applied (ISO). */
  pulledAt: string;
}

/** The till's own invoices, as far as stock is concerned. */
export interface StockInvoice {
  status: string;
  serverVersion: number | null;
  lines: readonly { productId: string; quantity: number }[];
}
