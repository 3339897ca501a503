import type { ClientRejection } from "./syncMessages";

/** What to fix about a client a till pushed, in both languages (only a malformed one is refused). */
export function clientRejection(detail: string, field?: string): ClientRejection {
  return {
    code: "CLIENT_INVALID",
    ...(field ? { field } : {}),
    message: `The client is malformed: ${detail}. Correct it in "Nuevo cliente" and sell to it again.`,
    messageEs: `El cliente está mal formado: ${detail}. Corrígelo en "Nuevo cliente" y véndele de nuevo.`,
  };
}
