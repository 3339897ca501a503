/**
 * The contract's schemas for the till's own calls, in their own chunk: zod and the domain's schemas
 * are ~35 KB gzipped, and the sale screen needs none of them (it works from the local database).
 * FetchServerTransport loads this module with its first request, so an answer is still checked
 * before anything reads it; the service worker precaches the chunk like every built file.
 */
export {
  deviceListSchema,
  deviceReportResponseSchema,
  deviceRowSchema,
  healthResponseSchema,
  invoiceDetailSchema,
  invoiceLookupSchema,
  invoiceSummarySchema,
  loginResponseSchema,
  maintenanceWindowListSchema,
  maintenanceWindowSchema,
  meResponseSchema,
  numberBlockSchema,
  numberingListSchema,
  numberingReportSchema,
  pullResponseSchema,
  pushResponseSchema,
  registerDeviceResponseSchema,
  releaseNumbersResultSchema,
  retireDeviceResponseSchema,
  serverStatusSchema,
  terminalListSchema,
} from "@mostrador/domain";
