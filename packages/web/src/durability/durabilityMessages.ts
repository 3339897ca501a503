/** Texts of persistent storage and the close-tab guard; assembled with the other features' texts in src/messages.ts. */
export const durabilityMessagesEs = {
  "durability.title": "Almacenamiento del navegador",
  "durability.short": "Podrían perderse ventas.",
  "durability.more": "Más información",
  "durability.dismiss": "Ocultar por hoy",
  "durability.notPersisted":
    "El navegador no garantizó el almacenamiento persistente: podría borrar las facturas guardadas si se queda sin espacio. Instala la aplicación o permite el almacenamiento persistente, y sincroniza a menudo.",
  "durability.beforeUnload": "Hay facturas sin sincronizar. ¿Seguro que quieres salir?",
} as const;

export const durabilityMessagesEn: Record<keyof typeof durabilityMessagesEs, string> = {
  "durability.title": "Browser storage",
  "durability.short": "Saved sales could be lost.",
  "durability.more": "More information",
  "durability.dismiss": "Hide for today",
  "durability.notPersisted":
    "The browser did not grant persistent storage: it could erase saved invoices when it runs out of space. Install the app or allow persistent storage, and synchronize often.",
  "durability.beforeUnload": "There are unsynchronized invoices. Leave anyway?",
};
