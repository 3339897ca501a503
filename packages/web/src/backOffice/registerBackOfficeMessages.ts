import { companyMessagesEn, companyMessagesEs } from "../company/companyMessages";
import { registerMessages } from "../i18n/i18n";
import { backOfficeMessagesEn, backOfficeMessagesEs } from "./backOfficeMessages";
import { importMessagesEn, importMessagesEs } from "./import/importMessages";
import { inventoryMessagesEn, inventoryMessagesEs } from "./inventory/inventoryMessages";
import { numberingFormMessagesEn, numberingFormMessagesEs } from "./numberings/numberingFormMessages";

/**
 * The back office's texts (its screens, CSV import, "Empresa") join the catalog when its chunk loads,
 * before it renders: the till's first load stays without them.
 */
registerMessages({
  "es-CO": {
    ...backOfficeMessagesEs,
    ...importMessagesEs,
    ...companyMessagesEs,
    ...inventoryMessagesEs,
    ...numberingFormMessagesEs,
  },
  en: {
    ...backOfficeMessagesEn,
    ...importMessagesEn,
    ...companyMessagesEn,
    ...inventoryMessagesEn,
    ...numberingFormMessagesEn,
  },
});
