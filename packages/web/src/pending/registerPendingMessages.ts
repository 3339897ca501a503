import { registerMessages } from "../i18n/i18n";
import { pendingMessagesEn, pendingMessagesEs } from "./pendingMessages";

/**
 * The sign-out dialog's, the pending file's and the unsynced counts' texts join the catalog when the
 * first of them loads (all lazily: LogoutDialog, the revoked-device notice, the history, the back office),
 * through unsyncedSummary: the till's first load stays without them.
 */
registerMessages({ "es-CO": pendingMessagesEs, en: pendingMessagesEn });
