import { isTransportError } from "../api/transportErrors";
import type { useI18n } from "../i18n/i18n";

/** What the cashier reads when signing in fails (the login screen and signing in again). */
export function describeLoginError(e: unknown, t: ReturnType<typeof useI18n>["t"]): string {
  if (isTransportError(e) && (e.kind === "unauthenticated" || e.status === 400)) return t("login.badCredentials");
  if (isTransportError(e) && e.status === 429)
    // ACCOUNT_LOCKED / TOO_MANY_ATTEMPTS: the lock's end comes as Retry-After.
    return t("login.locked", { minutes: Math.max(1, Math.ceil((e.details.retryAfterMs ?? 60_000) / 60_000)) });
  if (isTransportError(e) && (e.kind === "network" || e.kind === "timeout")) return t("login.offline");
  return t("login.failed", { message: e instanceof Error ? e.message : String(e) });
}
