/** Texts of the sign-out dialog; assembled with the other features' texts in src/messages.ts. */
export const pendingMessagesEs = {
  "logout.title": "No puedes cerrar sesión todavía",
  "logout.blocked":
    "Hay {pending} facturas pendientes y {errors} con error que aún no están en el servidor. Si cierras sesión se perderían. Sincroniza (y corrige las que tienen error) o exporta las pendientes a un archivo.",
  "logout.export": "Exportar pendientes",
  "logout.close": "Entendido",
  "logout.confirm": "¿Cerrar sesión en este dispositivo? Los datos locales de la caja se borrarán.",
  "logout.yes": "Cerrar sesión",
  "logout.cancel": "Cancelar",
} as const;

export const pendingMessagesEn: Record<keyof typeof pendingMessagesEs, string> = {
  "logout.title": "You cannot sign out yet",
  "logout.blocked":
    "There are {pending} pending invoices and {errors} with errors that are not on the server yet. Signing out would lose them. Synchronize (and fix the ones with errors) or export the pending ones to a file.",
  "logout.export": "Export pending",
  "logout.close": "Got it",
  "logout.confirm": "Sign out on this device? The till's local data will be erased.",
  "logout.yes": "Sign out",
  "logout.cancel": "Cancel",
};
