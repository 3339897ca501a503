/**
 * The sync protocol's constants, without zod: the till's first chunk reads them (request headers,
 * newer-server tolerance) while the schemas themselves load in their own chunk. Re-exported by
 * syncMessages.ts, so every importer keeps using the package's one entry point.
 */
/**
 * Bumped when the shape of synced data changes; the server accepts this and the previous one.
 * 2 (issue 16): invoice lines' discountAmount and ticketDiscountShare, the invoice's
 * ticketDiscount, credit-note lines' soldQuantity, the push's `clients` section. All optional:
 * what a version-1 till sends still parses and means the same.
 */
export const SYNC_SCHEMA_VERSION = 2;
export const SCHEMA_VERSION_HEADER = "x-mostrador-schema";
export const MAX_PUSH_BATCH = 200;
/**
 * On a pull page with more to come: the next page's cursors as a query string ("cursor=…&invoiceCursor=…
 * [&stockCursor=…&stockWarehouseId=…]"), the same as the body's. A till can ask for the next page as
 * soon as the headers arrive, while this page's body is still arriving and being parsed; it checks
 * them against the body's, and a till that ignores the header loses nothing.
 */
export const NEXT_PULL_HEADER = "x-mostrador-next-pull";

/** Entities that come down to the till, each row carrying its change version. */
export const syncedEntities = [
  "taxes",
  "categories",
  "warehouses",
  "paymentMethods",
  "numberings",
  "terminals",
  "priceLists",
  "products",
  "clients",
  "invoices",
  "shifts",
  "creditNotes",
  "maintenanceWindows",
  "numberBlocks",
  "company",
] as const;
export type SyncedEntity = (typeof syncedEntities)[number];
