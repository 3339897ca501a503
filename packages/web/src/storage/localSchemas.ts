/**
 * The domain's schemas the till's storage checks documents with, in their own chunk: zod and the
 * schemas are ~35 KB gzipped, and the sale screen shows from the local database without them. Load
 * through loadLocalSchemas(); every write that checks a document awaits it before its transaction.
 */
export {
  creditNoteDocumentSchema,
  invoiceDocumentSchema,
  invoiceVoidDocumentSchema,
  newClientSchema,
  shiftDocumentSchema,
} from "@mostrador/domain";
