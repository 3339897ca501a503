import { appMessagesEn, appMessagesEs } from "./app/appMessages";
import type { BackOfficeMessageKey } from "./backOffice/backOfficeMessages";
import type { ElectronicDocumentsMessageKey } from "./backOffice/electronicDocuments/electronicDocumentsMessages";
import type { importMessagesEs } from "./backOffice/import/importMessages";
import type { inventoryMessagesEs } from "./backOffice/inventory/inventoryMessages";
import type { NumberingFormMessageKey } from "./backOffice/numberings/numberingFormMessages";
import type { companyMessagesEs } from "./company/companyMessages";
import { deviceMessagesEn, deviceMessagesEs } from "./devices/deviceMessages";
import { durabilityMessagesEn, durabilityMessagesEs } from "./durability/durabilityMessages";
import { historyMessagesEn, historyMessagesEs } from "./history/historyMessages";
import type { Catalogs } from "./i18n/i18n";
import { tillStockMessagesEn, tillStockMessagesEs } from "./inventory/tillStockMessages";
import { invoiceErrorMessagesEn, invoiceErrorMessagesEs } from "./invoiceError/invoiceErrorMessages";
import { maintenanceMessagesEn, maintenanceMessagesEs } from "./maintenance/maintenanceMessages";
import { numberingMessagesEn, numberingMessagesEs } from "./numbering/numberingMessages";
import type { pendingMessagesEs } from "./pending/pendingMessages";
import { pwaMessagesEn, pwaMessagesEs } from "./pwa/pwaMessages";
import { receiptMessagesEn, receiptMessagesEs } from "./receipt/receiptMessages";
import type { ReportMessageKey } from "./reports/admin/reportMessages";
import { reportLinkMessagesEn, reportLinkMessagesEs } from "./reports/reportLinkMessages";
import type { returnsMessagesEs } from "./returns/returnsMessages";
import { saleMessagesEn, saleMessagesEs } from "./sale/saleMessages";
import { sessionMessagesEn, sessionMessagesEs } from "./session/sessionMessages";
import { shiftMessagesEn, shiftMessagesEs } from "./shifts/shiftMessages";
import { syncStatusMessagesEn, syncStatusMessagesEs } from "./syncStatus/syncStatusMessages";

/**
 * Every UI text: each feature folder owns its messages; this file assembles them and main.tsx
 * hands them to I18nProvider (i18n itself imports no feature). Spanish (es-CO) is the default
 * and the labels the browser tests rely on.
 */
const es = {
  ...appMessagesEs,
  ...sessionMessagesEs,
  ...syncStatusMessagesEs,
  ...saleMessagesEs,
  ...receiptMessagesEs,
  ...historyMessagesEs,
  ...invoiceErrorMessagesEs,
  ...maintenanceMessagesEs,
  ...numberingMessagesEs,
  ...durabilityMessagesEs,
  ...pwaMessagesEs,
  ...deviceMessagesEs,
  ...shiftMessagesEs,
  ...reportLinkMessagesEs,
  ...tillStockMessagesEs,
};

const en: Record<keyof typeof es, string> = {
  ...appMessagesEn,
  ...sessionMessagesEn,
  ...syncStatusMessagesEn,
  ...saleMessagesEn,
  ...receiptMessagesEn,
  ...historyMessagesEn,
  ...invoiceErrorMessagesEn,
  ...maintenanceMessagesEn,
  ...numberingMessagesEn,
  ...durabilityMessagesEn,
  ...pwaMessagesEn,
  ...deviceMessagesEn,
  ...shiftMessagesEn,
  ...reportLinkMessagesEn,
  ...tillStockMessagesEn,
};

/** The back office's keys (its screens, import, Empresa) are typed here; their texts join when its chunk loads. */
type LazyMessageKey =
  | BackOfficeMessageKey
  | keyof typeof importMessagesEs
  | keyof typeof companyMessagesEs
  | ReportMessageKey
  | keyof typeof inventoryMessagesEs
  | ElectronicDocumentsMessageKey
  | NumberingFormMessageKey
  // The sign-out dialog's and the pending file's texts (pending/registerPendingMessages.ts).
  | keyof typeof pendingMessagesEs
  // The returns' screens, all loaded from the history (returns/registerReturnsMessages.ts).
  | keyof typeof returnsMessagesEs;
type AppMessages = Record<keyof typeof es | LazyMessageKey, string>;

declare module "./i18n/i18n" {
  /** The keys every `t()` call is checked against. */
  interface Messages extends AppMessages {}
}

// The back office's texts are added by backOffice/registerBackOfficeMessages.ts when it loads.
export const catalogs = { "es-CO": es, en } as Catalogs;
