import { useState } from "react";
import { isTransportError } from "../api/transportErrors";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import { signIn } from "./sessionActions";

/** What the cashier reads when signing in fails (the login screen and signing in again). */
export function describeLoginError(e: unknown, t: ReturnType<typeof useI18n>["t"]): string {
  if (isTransportError(e) && (e.kind === "unauthenticated" || e.status === 400)) return t("login.badCredentials");
  if (isTransportError(e) && e.status === 429)
    // ACCOUNT_LOCKED / TOO_MANY_ATTEMPTS: the lock's end comes as Retry-After.
    return t("login.locked", { minutes: Math.max(1, Math.ceil((e.details.retryAfterMs ?? 60_000) / 60_000)) });
  if (isTransportError(e) && (e.kind === "network" || e.kind === "timeout")) return t("login.offline");
  return t("login.failed", { message: e instanceof Error ? e.message : String(e) });
}

/**
 * Signing in from a form: busy while the server checks, the error in the cashier's words. On
 * success the session is on the device and the app moves on by itself (busy stays on).
 */
export function useSignIn() {
  const services = useAppServices();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(credentials: { email: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await signIn(services, credentials);
    } catch (e) {
      setError(describeLoginError(e, t));
      setBusy(false);
    }
  }
  return { busy, error, submit };
}
