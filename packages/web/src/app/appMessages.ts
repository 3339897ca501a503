/** Texts of the app shell: header, language, loading; assembled with the other features' texts in src/messages.ts. */
export const appMessagesEs = {
  "app.name": "Mostrador",
  "app.loading": "Abriendo Mostrador…",
  "app.storageFailed": "No se pudo abrir la base de datos local del navegador: {message}",

  "language.label": "Idioma",

  "header.terminal": "Caja",
  "header.cashier": "Cajero",
  "header.online": "En línea",
  "header.offline": "Sin conexión",
  "header.sync": "Sincronizar",
  "header.syncing": "Sincronizando…",
  "header.menuIncome": "Ingresos",
  "header.salesHistory": "Historial de ventas",
  "header.newSale": "Vender",
  "header.logout": "Cerrar sesión",
  "header.menu": "Menú",
  "header.navigation": "Menú de la caja",
  "header.backOffice": "Productos, clientes y más",
  "header.company": "Empresa",
  "header.lastSync": "Última sincronización: {time}",
  "header.neverSynced": "Aún sin sincronizar",
  "header.syncFailed": "La última sincronización falló: {message}",
} as const;

export const appMessagesEn: Record<keyof typeof appMessagesEs, string> = {
  "app.name": "Mostrador",
  "app.loading": "Opening Mostrador…",
  "app.storageFailed": "Could not open the browser's local database: {message}",

  "language.label": "Language",

  "header.terminal": "Till",
  "header.cashier": "Cashier",
  "header.online": "Online",
  "header.offline": "Offline",
  "header.sync": "Synchronize",
  "header.syncing": "Synchronizing…",
  "header.menuIncome": "Sales",
  "header.salesHistory": "Sales history",
  "header.newSale": "Sell",
  "header.logout": "Sign out",
  "header.menu": "Menu",
  "header.navigation": "Till menu",
  "header.backOffice": "Products, clients and more",
  "header.company": "Company",
  "header.lastSync": "Last synchronized: {time}",
  "header.neverSynced": "Not synchronized yet",
  "header.syncFailed": "The last synchronization failed: {message}",
};
