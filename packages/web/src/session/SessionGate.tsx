import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { isTransportError } from "../api/transportErrors";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import type { SessionInfo } from "../storage/localRecords";
import { useSignIn } from "./useSignIn";

/**
 * The admin screens at the till use the admin's own sign-in, which ends after hours without use
 * (the till's device token, which syncs, never does). When it has ended, the admin signs in again
 * here, with the password only; the till, its invoices and its device are untouched.
 */
export function SessionGate({ session, children }: { session: SessionInfo; children: ReactNode }) {
  const { transport } = useAppServices();
  const [state, setState] = useState<"checking" | "valid" | "ended">("checking");
  useEffect(() => {
    let current = true;
    setState("checking");
    transport.me(session.token).then(
      () => current && setState("valid"),
      // Offline or another failure: the screen itself says what is wrong.
      (e) => current && setState(isTransportError(e) && e.kind === "unauthenticated" ? "ended" : "valid"),
    );
    return () => {
      current = false;
    };
  }, [transport, session.token]);
  if (state === "checking") return <p className="muted">…</p>;
  if (state === "valid") return <>{children}</>;
  return <SignInAgain session={session} />;
}

export function SignInAgain({ session }: { session: SessionInfo }) {
  const { t } = useI18n();
  const [password, setPassword] = useState("");
  const { busy, error, submit: signIn } = useSignIn();

  function submit(event: FormEvent) {
    event.preventDefault();
    // The new session replaces the old one on the device; the gate then checks the new token.
    void signIn({ email: session.user.email, password });
  }

  return (
    <form className="card login-card" onSubmit={submit}>
      <h2>{t("session.endedTitle")}</h2>
      <p>{t("session.endedHint", { email: session.user.email })}</p>
      <label className="field">
        <span>{t("login.password")}</span>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || !password}>
        {busy ? t("login.submitting") : t("session.signInAgain")}
      </button>
    </form>
  );
}
