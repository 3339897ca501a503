import { registerMessages } from "../i18n/i18n";
import { returnsMessagesEn, returnsMessagesEs } from "./returnsMessages";

/**
 * The returns' texts (the return and void screens, the receipt lookup, the credit notes in error) join the
 * catalog when the first screen that shows them loads — all of them lazily, from «Historial de ventas»: the
 * till's first load stays without them. Each such screen imports this module.
 */
registerMessages({ "es-CO": returnsMessagesEs, en: returnsMessagesEn });
