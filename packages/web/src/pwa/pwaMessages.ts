/** Texts of the new-version banner; assembled with the other features' texts in src/messages.ts. */
export const pwaMessagesEs = {
  "pwa.updateAvailable": "Nueva versión disponible",
  "pwa.reload": "Actualizar",
} as const;

export const pwaMessagesEn: Record<keyof typeof pwaMessagesEs, string> = {
  "pwa.updateAvailable": "New version available",
  "pwa.reload": "Update",
};
