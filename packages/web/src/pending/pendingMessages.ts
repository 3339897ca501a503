/** Texts of the sign-out dialog, the pending file's import answer and the unsynced counts; assembled with the other features' texts in src/messages.ts. */
export const pendingMessagesEs = {
  "logout.title": "No puedes cerrar sesión todavía",
  "logout.pendingCount.one": "1 factura pendiente",
  "logout.pendingCount.other": "{count} facturas pendientes",
  "logout.errorCount.one": "1 factura con error",
  "logout.errorCount.other": "{count} facturas con error",
  "logout.and": "{first} y {second}",
  "logout.blockedDocuments":
    "Hay devoluciones, anulaciones o movimientos de turno que aún no están en el servidor: si cierras sesión se perderían. Sincroniza antes de cerrar sesión.",
  "logout.blocked.one":
    "Hay {what} que aún no está en el servidor: si cierras sesión se perdería. Sincroniza (y corrige las que tienen error) o exporta las pendientes a un archivo.",
  "logout.blocked.other":
    "Hay {what} que aún no están en el servidor: si cierras sesión se perderían. Sincroniza (y corrige las que tienen error) o exporta las pendientes a un archivo.",
  "logout.export": "Exportar pendientes",
  "logout.close": "Entendido",
  "logout.confirm": "¿Cerrar sesión en este dispositivo? Los datos locales de la caja se borrarán.",
  "logout.yes": "Cerrar sesión",
  "logout.cancel": "Cancelar",
  "unsynced.invoices.one": "1 factura",
  "unsynced.invoices.other": "{count} facturas",
  "unsynced.creditNotes.one": "1 devolución",
  "unsynced.creditNotes.other": "{count} devoluciones",
  "unsynced.voids.one": "1 anulación",
  "unsynced.voids.other": "{count} anulaciones",
  "unsynced.shifts.one": "1 turno de caja",
  "unsynced.shifts.other": "{count} turnos de caja",
  "unsynced.clients.one": "1 cliente nuevo",
  "unsynced.clients.other": "{count} clientes nuevos",
  "pending.refused.OTHER_TERMINAL":
    "Sin cargar: {what} de {terminals}. Un turno solo lo toma un dispositivo de su caja: importa el archivo en esa caja.",
  "pending.refused.SHIFT_OPEN_HERE":
    "Sin cargar: {what}. Este dispositivo ya tiene un turno abierto en la caja: ciérralo e importa el archivo otra vez.",
  "pending.refused.SHIFT_CONFLICT":
    "Sin cargar: {what}. Este dispositivo ya tomó ese turno antes de sus últimos cambios: avisa a un administrador.",
  "pending.refused.NOT_A_TILL": "Sin cargar: {what}. Este navegador no es una caja registrada con un cajero en sesión.",
  "pending.fileError.NOT_JSON": "no es un archivo JSON.",
  "pending.fileError.NOT_A_PENDING_FILE": "no es un archivo de pendientes de Mostrador.",
  "pending.fileError.NEWER_VERSION": "lo creó una versión más nueva de Mostrador; actualiza la aplicación.",
  "pending.fileError.OTHER_COMPANY": "es de otra empresa; no se cargó nada.",
} as const;

export const pendingMessagesEn: Record<keyof typeof pendingMessagesEs, string> = {
  "logout.title": "You cannot sign out yet",
  "logout.pendingCount.one": "1 pending invoice",
  "logout.pendingCount.other": "{count} pending invoices",
  "logout.errorCount.one": "1 invoice with errors",
  "logout.errorCount.other": "{count} invoices with errors",
  "logout.and": "{first} and {second}",
  "logout.blockedDocuments":
    "There are returns, voids or shift movements that are not on the server yet: signing out would lose them. Synchronize before signing out.",
  "logout.blocked.one":
    "There is {what} that is not on the server yet: signing out would lose it. Synchronize (and fix the ones with errors) or export the pending ones to a file.",
  "logout.blocked.other":
    "There are {what} that are not on the server yet: signing out would lose them. Synchronize (and fix the ones with errors) or export the pending ones to a file.",
  "logout.export": "Export pending",
  "logout.close": "Got it",
  "logout.confirm": "Sign out on this device? The till's local data will be erased.",
  "logout.yes": "Sign out",
  "logout.cancel": "Cancel",
  "unsynced.invoices.one": "1 invoice",
  "unsynced.invoices.other": "{count} invoices",
  "unsynced.creditNotes.one": "1 return",
  "unsynced.creditNotes.other": "{count} returns",
  "unsynced.voids.one": "1 void",
  "unsynced.voids.other": "{count} voids",
  "unsynced.shifts.one": "1 cash shift",
  "unsynced.shifts.other": "{count} cash shifts",
  "unsynced.clients.one": "1 new client",
  "unsynced.clients.other": "{count} new clients",
  "pending.refused.OTHER_TERMINAL":
    "Not loaded: {what} of {terminals}. Only a device of its till can take a shift over: import the file on that till.",
  "pending.refused.SHIFT_OPEN_HERE":
    "Not loaded: {what}. This device already has an open shift on the till: close it and import the file again.",
  "pending.refused.SHIFT_CONFLICT":
    "Not loaded: {what}. This device took that shift over before its latest changes: tell an admin.",
  "pending.refused.NOT_A_TILL": "Not loaded: {what}. This browser is not a registered till with a cashier signed in.",
  "pending.fileError.NOT_JSON": "it is not a JSON file.",
  "pending.fileError.NOT_A_PENDING_FILE": "it is not a Mostrador pending file.",
  "pending.fileError.NEWER_VERSION": "a newer version of Mostrador made it; update the app.",
  "pending.fileError.OTHER_COMPANY": "it belongs to another company; nothing was loaded.",
};
