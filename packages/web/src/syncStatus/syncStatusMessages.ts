/** Texts of the sync indicator; assembled with the other features' texts in src/messages.ts. */
export const syncStatusMessagesEs = {
  "sync.synced": "Sincronizado 100%",
  "sync.syncing": "Sincronizando {percent}%",
  "sync.pending.one": "1 pendiente",
  "sync.pending.other": "{count} pendientes",
  "sync.errors.one": "1 con error",
  "sync.errors.other": "{count} con error",
} as const;

export const syncStatusMessagesEn: Record<keyof typeof syncStatusMessagesEs, string> = {
  "sync.synced": "Synchronized 100%",
  "sync.syncing": "Synchronizing {percent}%",
  "sync.pending.one": "1 pending",
  "sync.pending.other": "{count} pending",
  "sync.errors.one": "1 with error",
  "sync.errors.other": "{count} with errors",
};
