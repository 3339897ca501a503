/** Texts of the sync indicator; assembled with the other features' texts in src/messages.ts. */
export const syncStatusMessagesEs = {
  "sync.synced": "Sincronizado 100%",
  "sync.syncing": "Sincronizando {percent}%",
  "sync.pending.one": "1 pendiente",
  "sync.pending.other": "{count} pendientes",
  "sync.errors.one": "1 con error",
  "sync.errors.other": "{count} con error",
  "sync.manual.offline": "Sin conexión: se sincronizará al volver.",
  "sync.manual.unavailable": "El servidor no está disponible (mantenimiento): se sincronizará cuando vuelva.",
  "sync.manual.failed": "No se pudo sincronizar ahora: se intentará de nuevo automáticamente.",
  "sync.manual.dismiss": "Cerrar aviso",
} as const;

export const syncStatusMessagesEn: Record<keyof typeof syncStatusMessagesEs, string> = {
  "sync.synced": "Synchronized 100%",
  "sync.syncing": "Synchronizing {percent}%",
  "sync.pending.one": "1 pending",
  "sync.pending.other": "{count} pending",
  "sync.errors.one": "1 with error",
  "sync.errors.other": "{count} with errors",
  "sync.manual.offline": "No connection: it will synchronize when the connection returns.",
  "sync.manual.unavailable": "The server is unavailable (maintenance): it will synchronize when it is back.",
  "sync.manual.failed": "Could not synchronize now: it will try again automatically.",
  "sync.manual.dismiss": "Dismiss",
};
