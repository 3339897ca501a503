/** Texts of the sign-out dialog; assembled with the other features' texts in src/messages.ts. */
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
};
