import type { DeviceReport, PullResponse, PushResult, ShiftDocument, ShiftPushResult } from "@mostrador/domain";
import { CatalogChunkCompactor } from "./catalogChunkCompactor";
import { DexieReturnsStore } from "./dexieReturnsStore";
import { countNumbersLeft } from "./invoiceNumbering";
import { applyInvoicePushResultsInDb } from "./invoicePushResults";
import {
  countInvoicesByStatusInDb,
  listInvoicesInDb,
  listInvoicesToPushPageInDb,
  listUnsyncedInvoicesInDb,
} from "./invoiceQueries";
import { markVoided, resendInvoiceInError, saveInvoiceRevision } from "./invoiceRevisions";
import { loadLocalSchemas } from "./loadLocalSchemas";
import { LocalDatabase } from "./localDatabase";
import type {
  ClientRecord,
  LocalInvoice,
  LocalShift,
  MaintenanceWindowRecord,
  MetaKey,
  MetaValues,
  NumberBlockRecord,
  NumberingRecord,
  PaymentMethodRecord,
  ProductRecord,
  TaxRecord,
  TerminalRecord,
} from "./localRecords";
import type {
  ApplyPullResult,
  ApplyPushResult,
  ImportResult,
  InvoiceListQuery,
  InvoiceStatusCounts,
  LocalStore,
  NewInvoiceDraft,
  PullCursors,
  PushQueuePage,
  PushQueuePosition,
  TerminalSetup,
} from "./localStore";
import { toLocalStoreError } from "./localStoreErrors";
import { type NumberingSnapshots, saveNewInvoiceInDb } from "./newInvoiceSave";
import type { PendingFileContents, PendingImportResult } from "./pendingFileImport";
import { applyNumberBlocks, applyPullPageInTransaction } from "./pullPageApplier";
import {
  addCashMovementInDb,
  applyShiftPushResultsInDb,
  type CashMovementInput,
  type CloseShiftInput,
  closeShiftInDb,
  findOpenShift,
  listShiftInvoicesInDb,
  listShiftsToPushInDb,
  type OpenShiftInput,
  openShiftInDb,
} from "./shiftRecords";
import { type TakeOverShiftInput, takeOverShiftInDb } from "./shiftTakeover";
import { readTillStockFrom, type TillStockSnapshot } from "./stockRecords";
import { DexieTillClientsStore } from "./tillClientRecords";
import {
  countUnsyncedBesideInvoicesInDb,
  countUnsyncedInDb,
  deviceReportFromDb,
  listUnsyncedRecordsInDb,
  totalUnsynced,
  type UnsyncedBesideInvoices,
  type UnsyncedCounts,
  type UnsyncedRecords,
} from "./unsyncedRecords";

export class DexieLocalStore implements LocalStore {
  /** Only this module and tests use the tables directly; the app goes through LocalStore. */
  readonly db: LocalDatabase;
  readonly returns: DexieReturnsStore;
  readonly tillClients: DexieTillClientsStore;
  /** What the last save of each numbering saw: the next save's plan, checked inside its transaction. */
  private readonly numberingSnapshots: NumberingSnapshots = new Map();
  /** Reads products and clients from their chunks, and compacts chunks that big imports left superseded. */
  readonly catalogChunks: CatalogChunkCompactor;

  constructor(db: LocalDatabase = new LocalDatabase()) {
    this.db = db;
    this.catalogChunks = new CatalogChunkCompactor(db);
    this.returns = new DexieReturnsStore(db);
    this.tillClients = new DexieTillClientsStore(db);
  }

  async open({ onVersionChange }: { onVersionChange: () => void }): Promise<void> {
    this.db.on("versionchange", onVersionChange);
    // The storage's schemas (their own chunk) start loading now, while the till renders; nothing waits here.
    loadLocalSchemas().catch(() => undefined);
    await this.db.open();
  }

  listProducts(): Promise<ProductRecord[]> {
    return this.catalogChunks.list("products");
  }

  listClients(): Promise<ClientRecord[]> {
    return this.catalogChunks.list("clients");
  }

  listTaxes(): Promise<TaxRecord[]> {
    return this.db.taxes.toArray();
  }

  listPaymentMethods(): Promise<PaymentMethodRecord[]> {
    return this.db.paymentMethods.toArray();
  }

  listNumberings(): Promise<NumberingRecord[]> {
    return this.db.numberings.toArray();
  }

  listMaintenanceWindows(): Promise<MaintenanceWindowRecord[]> {
    return this.db.maintenanceWindows.toArray();
  }

  getTerminal(id: string): Promise<TerminalRecord | undefined> {
    return this.db.terminals.get(id);
  }

  getNumbering(id: string): Promise<NumberingRecord | undefined> {
    return this.db.numberings.get(id);
  }

  async getTerminalSetup(terminalId: string): Promise<TerminalSetup | null> {
    const { db } = this;
    const terminal = await db.terminals.get(terminalId);
    if (!terminal) return null;
    const [numbering, methods, taxes, categories, priceList] = await Promise.all([
      db.numberings.get(terminal.numberingId),
      db.paymentMethods.bulkGet(terminal.paymentMethodIds),
      db.taxes.toArray(),
      db.categories.toArray(),
      terminal.priceListId ? db.priceLists.get(terminal.priceListId) : undefined,
    ]);
    const paymentMethods = methods.filter((m): m is PaymentMethodRecord => m?.active === true);
    const contingencyNumbering = numbering?.contingencyNumberingId
      ? await db.numberings.get(numbering.contingencyNumberingId)
      : undefined;
    return { terminal, numbering, contingencyNumbering, paymentMethods, taxes, categories, priceList };
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const row = await this.db.meta.get(key);
    return row?.value as MetaValues[K] | undefined;
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  async deleteMeta(key: MetaKey): Promise<void> {
    await this.db.meta.delete(key);
  }

  async getCursors(): Promise<PullCursors> {
    // One read (one transaction) for the four keys: every sync run starts here, right after a sale.
    const rows = await this.db.meta.bulkGet(["syncCursor", "invoiceCursor", "stockCursor", "stockPull"]);
    const [cursor, invoiceCursor, stockCursor, stockPull] = rows.map((row) => row?.value) as [
      MetaValues["syncCursor"] | undefined,
      MetaValues["invoiceCursor"] | undefined,
      MetaValues["stockCursor"] | undefined,
      MetaValues["stockPull"] | undefined,
    ];
    return {
      cursor: cursor ?? 0,
      invoiceCursor: invoiceCursor ?? 0,
      ...(stockPull ? { stockCursor: stockCursor ?? 0, stockWarehouseId: stockPull.warehouseId } : {}),
    };
  }

  readTillStock(): Promise<TillStockSnapshot> {
    return readTillStockFrom(this.db);
  }

  async applyPullPage(page: PullResponse): Promise<ApplyPullResult> {
    try {
      return await applyPullPageInTransaction(this.db, page);
    } catch (error) {
      throw toLocalStoreError(error);
    }
  }

  listInvoicesToPushPage(size: number, after?: PushQueuePosition): Promise<PushQueuePage> {
    return listInvoicesToPushPageInDb(this.db, size, after);
  }

  applyPushResults(results: readonly PushResult[]): Promise<ApplyPushResult> {
    return applyInvoicePushResultsInDb(this.db, results);
  }

  countInvoicesByStatus(): Promise<InvoiceStatusCounts> {
    return countInvoicesByStatusInDb(this.db);
  }

  deviceReport(): Promise<DeviceReport> {
    return deviceReportFromDb(this.db);
  }

  /** "Facturar": see newInvoiceSave (one round of requests in one strict transaction). */
  saveNewInvoice(draft: NewInvoiceDraft): Promise<LocalInvoice> {
    return saveNewInvoiceInDb(this.db, draft, this.numberingSnapshots).catch(rethrowAsStoreError);
  }

  getInvoice(id: string): Promise<LocalInvoice | undefined> {
    return this.db.invoices.get(id);
  }

  saveRevision(id: string, draft: NewInvoiceDraft, options: { newNumber: boolean }): Promise<LocalInvoice> {
    return saveInvoiceRevision(this.db, id, draft, options).catch((error: unknown) => {
      throw toLocalStoreError(error);
    });
  }

  resendInvoice(id: string): Promise<LocalInvoice> {
    return resendInvoiceInError(this.db, id).catch((error: unknown) => {
      throw toLocalStoreError(error);
    });
  }

  markInvoiceVoided(id: string, reason: string): Promise<LocalInvoice> {
    return markVoided(this.db, id, reason).catch((error: unknown) => {
      throw toLocalStoreError(error);
    });
  }

  listInvoices(query: InvoiceListQuery = {}): Promise<LocalInvoice[]> {
    return listInvoicesInDb(this.db, query);
  }

  numbersLeft(numberingId: string): Promise<number> {
    return countNumbersLeft(this.db, numberingId);
  }

  async putNumberBlocks(blocks: readonly NumberBlockRecord[]): Promise<void> {
    const changes = blocks.map((block) => ({
      entity: "numberBlocks" as const,
      id: block.id,
      version: typeof block.version === "number" ? block.version : 0,
      data: { ...block },
    }));
    await this.db.transaction("rw", this.db.numberBlocks, () => applyNumberBlocks(this.db, changes));
  }

  listUnsyncedInvoices(): Promise<LocalInvoice[]> {
    return listUnsyncedInvoicesInDb(this.db);
  }

  // The import code is loaded when a file is imported: it is not part of the till's first load.
  async importInvoices(documents: readonly unknown[]): Promise<ImportResult> {
    const { importInvoicesInDb } = await import("./pendingInvoicesImport");
    return importInvoicesInDb(this.db, documents);
  }

  countUnsynced(): Promise<UnsyncedCounts> {
    return countUnsyncedInDb(this.db);
  }

  countUnsyncedBesideInvoices(): Promise<UnsyncedBesideInvoices> {
    return countUnsyncedBesideInvoicesInDb(this.db);
  }

  listUnsyncedRecords(): Promise<UnsyncedRecords> {
    return listUnsyncedRecordsInDb(this.db);
  }

  async importPendingFile(contents: PendingFileContents): Promise<PendingImportResult> {
    const { importPendingFileInDb } = await import("./pendingFileImport");
    return importPendingFileInDb(this.db, contents);
  }

  getOpenShift(terminalId: string): Promise<LocalShift | undefined> {
    return findOpenShift(this.db, terminalId);
  }

  getShift(id: string): Promise<LocalShift | undefined> {
    return this.db.shifts.get(id);
  }

  openShift(input: OpenShiftInput): Promise<LocalShift> {
    return openShiftInDb(this.db, input).catch(rethrowAsStoreError);
  }

  takeOverShift(input: TakeOverShiftInput): Promise<LocalShift> {
    return takeOverShiftInDb(this.db, input).catch(rethrowAsStoreError);
  }

  addCashMovement(shiftId: string, input: CashMovementInput): Promise<LocalShift> {
    return addCashMovementInDb(this.db, shiftId, input).catch(rethrowAsStoreError);
  }

  closeShift(shiftId: string, input: CloseShiftInput): Promise<LocalShift> {
    return closeShiftInDb(this.db, shiftId, input).catch(rethrowAsStoreError);
  }

  listShiftInvoices(shiftId: string): Promise<LocalInvoice[]> {
    return listShiftInvoicesInDb(this.db, shiftId);
  }

  listShiftsToPush(limit: number): Promise<ShiftDocument[]> {
    return listShiftsToPushInDb(this.db, limit);
  }

  applyShiftPushResults(results: readonly ShiftPushResult[]): Promise<ApplyPushResult> {
    return applyShiftPushResultsInDb(this.db, results);
  }

  async clearAll(): Promise<void> {
    await this.db.transaction("rw", this.db.tables, async () => {
      await Promise.all(this.db.tables.map((table) => table.clear()));
    });
  }

  async clearAllIfSynced(): Promise<boolean> {
    return this.db.transaction("rw", this.db.tables, async () => {
      // The same definition "Exportar pendientes" carries (unsyncedRecords): nothing it counts is wiped.
      if (totalUnsynced(await countUnsyncedInDb(this.db)) > 0) return false;
      await Promise.all(this.db.tables.map((table) => table.clear()));
      return true;
    });
  }

  close(): void {
    this.db.close();
  }
}

function rethrowAsStoreError(error: unknown): never {
  throw toLocalStoreError(error);
}
