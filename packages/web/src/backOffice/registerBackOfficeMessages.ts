import { catalogs } from "../messages";
import { backOfficeMessagesEn, backOfficeMessagesEs } from "./backOfficeMessages";

/**
 * Adds the back office's texts to the app's catalog when its chunk loads (before it renders):
 * the till's first load stays without them. The i18n layer reads the catalog on each `t()`.
 */
Object.assign(catalogs["es-CO"], backOfficeMessagesEs);
Object.assign(catalogs.en, backOfficeMessagesEn);
