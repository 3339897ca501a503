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
