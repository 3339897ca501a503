import Dexie, { type EntityTable } from "dexie";
import type {
  CatalogChunkRecord,
  CatalogTombstoneRecord,
  CategoryRecord,
  ClientRecord,
  LocalCreditNote,
  LocalInvoice,
  LocalInvoiceVoid,
  LocalShift,
  LocalTillClient,
  MaintenanceWindowRecord,
  MetaRecord,
  NumberBlockRecord,
  NumberingRecord,
  PaymentMethodRecord,
  PriceListRecord,
  ProductRecord,
  StockBalanceRecord,
  TaxRecord,
  TerminalRecord,
  WarehouseRecord,
} from "./localRecords";

export const DEFAULT_DATABASE_NAME = "mostrador";

/**
 * The one IndexedDB database of the till. Every schema change is a new `version(n)`
 * below the previous ones (never edit a released version), with an `upgrade` when
 * existing rows need rewriting.
 */
export class LocalDatabase extends Dexie {
  meta!: EntityTable<MetaRecord, "key">;
  products!: EntityTable<ProductRecord, "id">;
  categories!: EntityTable<CategoryRecord, "id">;
  taxes!: EntityTable<TaxRecord, "id">;
  priceLists!: EntityTable<PriceListRecord, "id">;
  warehouses!: EntityTable<WarehouseRecord, "id">;
  clients!: EntityTable<ClientRecord, "id">;
  paymentMethods!: EntityTable<PaymentMethodRecord, "id">;
  numberings!: EntityTable<NumberingRecord, "id">;
  terminals!: EntityTable<TerminalRecord, "id">;
  numberBlocks!: EntityTable<NumberBlockRecord, "id">;
  maintenanceWindows!: EntityTable<MaintenanceWindowRecord, "id">;
  invoices!: EntityTable<LocalInvoice, "id">;
  shifts!: EntityTable<LocalShift, "id">;
  creditNotes!: EntityTable<LocalCreditNote, "id">;
  invoiceVoids!: EntityTable<LocalInvoiceVoid, "id">;
  stock!: EntityTable<StockBalanceRecord, "productId">;
  tillClients!: EntityTable<LocalTillClient, "id">;
  productChunks!: EntityTable<CatalogChunkRecord<ProductRecord>, "id">;
  clientChunks!: EntityTable<CatalogChunkRecord<ClientRecord>, "id">;
  productTombstones!: EntityTable<CatalogTombstoneRecord, "id">;
  clientTombstones!: EntityTable<CatalogTombstoneRecord, "id">;

  constructor(name: string = DEFAULT_DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    // Invoices must be on disk before the receipt shows: ask Chromium to flush every commit.
    super(name, { chromeTransactionDurability: "strict", ...options });
    this.version(1).stores({
      meta: "key",
      products: "id, *searchWords, barcode, reference, categoryId",
      categories: "id",
      taxes: "id",
      priceLists: "id",
      warehouses: "id",
      clients: "id, *searchWords, idNumber",
      paymentMethods: "id",
      numberings: "id",
      terminals: "id",
      numberBlocks: "id, numberingId",
      maintenanceWindows: "id",
      invoices: "id, status, issuedAt, number, [numberingId+number], clientId",
    });
    // v2: product and client search runs in memory (sale/productSearchIndex.ts); the multi-entry
    // word indexes tripled the cost of writing the catalog on the first load.
    this.version(2).stores({
      products: "id, barcode, reference, categoryId",
      clients: "id, idNumber",
    });
    // v3: the catalog is searched in memory (sale/productSearchIndex, client picker), so secondary
    // IndexedDB indexes on products and clients only slowed every first load down.
    this.version(3).stores({
      products: "id",
      clients: "id",
    });
    // v4: cash shifts ("turnos", issue 12), made on this till and uploaded like invoices; the
    // invoices of a shift are read by their document's shiftId (the closing and its Z report).
    this.version(4).stores({
      shifts: "id, status, [terminalId+shiftStatus]",
      invoices: "id, status, issuedAt, number, [numberingId+number], clientId, document.shiftId",
    });
    // v5: returns (issue 13): credit notes made here (by invoice, by NC number for the number blocks,
    // by shift for the Cierre de turno) and voids of synced invoices, both uploaded like invoices.
    this.version(5).stores({
      creditNotes: "id, status, invoiceId, issuedAt, [numberingId+number], document.shiftId",
      invoiceVoids: "id, status, invoiceId",
    });
    // v6: inventory (issue 14): the balances of the terminal's warehouse from the pull's stock section.
    this.version(6).stores({ stock: "productId" });
    // v7 (issue 16): a client created at this till is its own pending record, uploaded in the push's
    // `clients` section even when the sale then switched to another client. A new table: no row changes.
    this.version(7).stores({ tillClients: "id, status" });
    // v8 (issue 17): large sets of products and clients (the first load) are stored a few hundred rows per
    // record (storage/catalogChunks.ts): IndexedDB costs ~0.1 ms per record, so 20,000 rows as rows took
    // seconds. The row tables stay as the overlay of small changes; a v7 till's rows are read as they are.
    this.version(8).stores({
      productChunks: "id",
      clientChunks: "id",
      productTombstones: "id",
      clientTombstones: "id",
    });
    // v9 (issue 17): the tiles' stock reads only the invoices its balances may not count yet (pending, in error, or
    // synced above the version the balances count: storage/stockRecords.ts), not every invoice after every sale.
    // IndexedDB does not index null, so the index holds exactly the invoices the server has given a version.
    this.version(9).stores({
      invoices: "id, status, issuedAt, number, [numberingId+number], clientId, document.shiftId, serverVersion",
    });
    // v10 (issue 17): the push reads its queue a page at a time, oldest first (storage/invoiceQueries.ts), and sends
    // the first page while it reads the next: [status+issuedAt+id] orders it, and its last entry is where the next
    // page starts, also among invoices of the same instant. clientId was never queried: one index less per write.
    this.version(10).stores({
      invoices:
        "id, status, issuedAt, number, [numberingId+number], document.shiftId, serverVersion, [status+issuedAt+id]",
    });
    // v11 (issue 17): invoices by status are read through [status+issuedAt+id] (invoiceQueries.invoicesWithStatus);
    // the plain status index is dropped: six indexes to keep on each write of an invoice instead of seven.
    this.version(11).stores({
      invoices: "id, issuedAt, number, [numberingId+number], document.shiftId, serverVersion, [status+issuedAt+id]",
    });
  }

  /** Tables filled by the sync download (everything but meta and invoices). */
  get catalogTables() {
    return [
      this.products,
      this.categories,
      this.taxes,
      this.priceLists,
      this.warehouses,
      this.clients,
      this.paymentMethods,
      this.numberings,
      this.terminals,
      this.numberBlocks,
      this.maintenanceWindows,
      this.productChunks,
      this.clientChunks,
      this.productTombstones,
      this.clientTombstones,
    ];
  }
}
