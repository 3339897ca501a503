import type { ShiftRejection, ShiftRejectionCode } from "../errors/errorCodes";

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

/** What went wrong with a shift, in both languages: the till shows the one the cashier reads. */
const messages: Record<ShiftRejectionCode, { en: Template; es: Template }> = {
  SHIFT_INVALID: {
    en: (p) => `The shift is malformed: ${p.detail}`,
    es: (p) => `El turno está mal formado: ${p.detail}`,
  },
  SHIFT_ALREADY_OPEN: {
    en: () => "Another shift is already open on this terminal: close it (or take it over) before opening a new one.",
    es: () => "Ya hay otro turno abierto en esta caja: ciérralo (o tómalo) antes de abrir uno nuevo.",
  },
  SHIFT_CHANGED: {
    en: (p) => `A later revision of the shift may not change ${p.field} (a closed shift stays closed).`,
    es: (p) => `Una revisión posterior del turno no puede cambiar ${p.field} (un turno cerrado sigue cerrado).`,
  },
  REVISION_CONFLICT: {
    en: () => "This revision of the shift was already received with other content.",
    es: () => "Esta revisión del turno ya se recibió con otro contenido.",
  },
  DEVICE_MISMATCH: {
    en: () => "The shift belongs to a device that is not this one.",
    es: () => "El turno pertenece a un dispositivo distinto a este.",
  },
  TERMINAL_MISMATCH: {
    en: () => "The shift's terminal is not this device's terminal.",
    es: () => "La caja del turno no es la caja de este dispositivo.",
  },
  CASHIER_NOT_ALLOWED: {
    en: () => "The user who opened, moved cash or closed is not allowed on this terminal.",
    es: () => "El usuario que abrió, movió efectivo o cerró no tiene permiso en esta caja.",
  },
  SHIFT_TAKEN_OVER: {
    en: () => "Another device of this terminal took the shift over: this device may no longer change it.",
    es: () => "Otro dispositivo de esta caja tomó el turno: este dispositivo ya no puede modificarlo.",
  },
  SHIFT_HANDOVER_STALE: {
    en: () =>
      "The shift changed on the server since it was taken over here: sync again and take it over from its newest state.",
    es: () =>
      "El turno cambió en el servidor después de tomarlo aquí: sincroniza y vuelve a tomarlo desde su estado más reciente.",
  },
};

export function shiftRejection(code: ShiftRejectionCode, params: Params = {}, field?: string): ShiftRejection {
  const m = messages[code];
  return { code, ...(field ? { field } : {}), message: m.en(params), messageEs: m.es(params) };
}
