/** Texts of numbering warnings and the admin report; spread into i18n/messages.*.ts. */
export const numberingMessagesEs = {
  "numbering.fewLeft": "Quedan {count} números en esta caja.",
  "numbering.fewLeftOffline": "Quedan {count} números en esta caja. Conéctate a internet para recibir más.",
  "numbering.expiredBlocked":
    "La numeración de esta caja está vencida: no se puede facturar. Pide a un administrador una numeración vigente.",
  "numbering.rangeNearlyUsed":
    "La numeración {name} está por agotarse: quedan {count} números del rango autorizado ({percent}%). Solicita una nueva resolución.",
  "numbering.rangeUsedUp":
    "La numeración {name} ya entregó todo su rango autorizado. Solicita una nueva resolución a tiempo.",
  "numbering.expiresSoon": "La numeración {name} vence el {date} (quedan {days} días). Solicita una nueva resolución.",
  "numbering.expiresToday": "La numeración {name} vence hoy. Solicita una nueva resolución.",
  "numbering.expired":
    "La numeración {name} venció el {date}: no se puede facturar con ella. Pide a un administrador una numeración vigente.",

  "numbering.admin.open": "Numeraciones",
  "numbering.admin.range": "{prefix} {from} a {to}",
  "numbering.admin.validity": "Vigente del {from} al {until}",
  "numbering.admin.electronic": "Electrónica: se numera en el servidor, sin bloques por caja.",
  "numbering.admin.used": "Usados",
  "numbering.admin.voided": "Anulados",
  "numbering.admin.unused": "Sin usar",
  "numbering.admin.released": "Liberados",
  "numbering.admin.notLeased": "Sin asignar",
  "numbering.admin.total": "Total",
  "numbering.admin.blocks": "Bloques por caja",
  "numbering.admin.terminal": "Caja",
  "numbering.admin.device": "Dispositivo",
  "numbering.admin.block": "Bloque",
  "numbering.admin.leasedAt": "Asignado",
  "numbering.admin.noBlocks": "Ningún bloque asignado todavía.",
  "numbering.admin.unknownTerminal": "(sin caja)",
  "numbering.admin.usedOutside": "Usados fuera de bloques: {ranges}",
  "numbering.admin.release": "Liberar números sin usar de {terminal}",
  "numbering.admin.confirmRelease":
    "¿Liberar los números sin usar de {terminal}? No se volverán a usar nunca y sus dispositivos pedirán un bloque nuevo.",
  "numbering.admin.releasedResult": "Se liberaron {count} números de {terminal}.",
  "numbering.admin.loading": "Cargando reporte…",
  "numbering.admin.reload": "Actualizar",
  "numbering.admin.offline": "Se necesita conexión con el servidor para ver el reporte de numeración.",
  "numbering.admin.failed": "No se pudo completar: {message}",
} as const;

export const numberingMessagesEn: Record<keyof typeof numberingMessagesEs, string> = {
  "numbering.fewLeft": "{count} numbers left on this till.",
  "numbering.fewLeftOffline": "{count} numbers left on this till. Connect to the internet to receive more.",
  "numbering.expiredBlocked":
    "This till's numbering has expired: invoicing is not possible. Ask an admin for a valid numbering.",
  "numbering.rangeNearlyUsed":
    "Numbering {name} is running out: {count} numbers of the authorized range left ({percent}%). Request a new resolution.",
  "numbering.rangeUsedUp":
    "Numbering {name} has handed out its whole authorized range. Request a new resolution in time.",
  "numbering.expiresSoon": "Numbering {name} expires on {date} ({days} days left). Request a new resolution.",
  "numbering.expiresToday": "Numbering {name} expires today. Request a new resolution.",
  "numbering.expired":
    "Numbering {name} expired on {date}: it cannot be used to invoice. Ask an admin for a valid numbering.",

  "numbering.admin.open": "Numberings",
  "numbering.admin.range": "{prefix} {from} to {to}",
  "numbering.admin.validity": "Valid from {from} to {until}",
  "numbering.admin.electronic": "Electronic: numbered by the server, no blocks per till.",
  "numbering.admin.used": "Used",
  "numbering.admin.voided": "Voided",
  "numbering.admin.unused": "Unused",
  "numbering.admin.released": "Released",
  "numbering.admin.notLeased": "Not leased",
  "numbering.admin.total": "Total",
  "numbering.admin.blocks": "Blocks per till",
  "numbering.admin.terminal": "Till",
  "numbering.admin.device": "Device",
  "numbering.admin.block": "Block",
  "numbering.admin.leasedAt": "Leased",
  "numbering.admin.noBlocks": "No block leased yet.",
  "numbering.admin.unknownTerminal": "(no till)",
  "numbering.admin.usedOutside": "Used outside blocks: {ranges}",
  "numbering.admin.release": "Release unused numbers of {terminal}",
  "numbering.admin.confirmRelease":
    "Release the unused numbers of {terminal}? They will never be used again and its devices will lease a new block.",
  "numbering.admin.releasedResult": "{count} numbers of {terminal} released.",
  "numbering.admin.loading": "Loading report…",
  "numbering.admin.reload": "Refresh",
  "numbering.admin.offline": "The numbering report needs a connection to the server.",
  "numbering.admin.failed": "Could not complete: {message}",
};
