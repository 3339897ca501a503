/** Texts of the admin device list and the revoked-device notice; spread into i18n/messages.*.ts. */
export const deviceMessagesEs = {
  "devices.admin.open": "Dispositivos",
  "devices.admin.title": "Dispositivos",
  "devices.admin.hint":
    "Cada navegador registrado como caja. Revocar un dispositivo (perdido, robado o retirado) le impide sincronizar para siempre; sus facturas pendientes se exportan desde esa caja y se cargan en otra.",
  "devices.admin.loading": "Cargando dispositivos…",
  "devices.admin.none": "Aún no hay dispositivos registrados.",
  "devices.admin.failed": "No se pudo completar: {message}",
  "devices.admin.terminal": "Caja",
  "devices.admin.device": "Dispositivo",
  "devices.admin.lastSeen": "Última conexión",
  "devices.admin.neverSeen": "Nunca",
  "devices.admin.pending": "Pendientes",
  "devices.admin.errors": "Con error",
  "devices.admin.status": "Estado",
  "devices.admin.active": "Activo",
  "devices.admin.revoked": "Revocado el {date}",
  "devices.admin.revoke": "Revocar",
  "devices.admin.confirmRevoke":
    "¿Revocar el dispositivo {name} de {terminal}? No podrá volver a sincronizar; sus facturas pendientes deberán exportarse desde esa caja.",
  "devices.admin.revokedResult": "Dispositivo {name} revocado.",
  "devices.admin.reload": "Actualizar",
  "devices.revoked.title": "Este dispositivo fue revocado por un administrador",
  "devices.revoked.body":
    "Ya no puede sincronizar. Las facturas de esta caja que no llegaron al servidor ({count}) siguen guardadas aquí: exporta el archivo de pendientes y entrégalo a un administrador para cargarlo desde otra caja.",
  "devices.revoked.export": "Exportar pendientes",
  "devices.revoked.exported": "Archivo exportado con {count} facturas.",
} as const;

export const deviceMessagesEn: Record<keyof typeof deviceMessagesEs, string> = {
  "devices.admin.open": "Devices",
  "devices.admin.title": "Devices",
  "devices.admin.hint":
    "Every browser registered as a till. Revoking a device (lost, stolen or retired) stops it from ever syncing again; its pending invoices are exported on that till and uploaded on another.",
  "devices.admin.loading": "Loading devices…",
  "devices.admin.none": "No devices registered yet.",
  "devices.admin.failed": "Could not complete: {message}",
  "devices.admin.terminal": "Till",
  "devices.admin.device": "Device",
  "devices.admin.lastSeen": "Last seen",
  "devices.admin.neverSeen": "Never",
  "devices.admin.pending": "Pending",
  "devices.admin.errors": "In error",
  "devices.admin.status": "Status",
  "devices.admin.active": "Active",
  "devices.admin.revoked": "Revoked on {date}",
  "devices.admin.revoke": "Revoke",
  "devices.admin.confirmRevoke":
    "Revoke device {name} of {terminal}? It will never sync again; its pending invoices must be exported on that till.",
  "devices.admin.revokedResult": "Device {name} revoked.",
  "devices.admin.reload": "Refresh",
  "devices.revoked.title": "An admin revoked this device",
  "devices.revoked.body":
    "It can no longer sync. This till's invoices that did not reach the server ({count}) are still stored here: export the pending file and give it to an admin to upload from another till.",
  "devices.revoked.export": "Export pending",
  "devices.revoked.exported": "File exported with {count} invoices.",
};
