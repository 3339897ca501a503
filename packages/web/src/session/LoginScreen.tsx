import { type FormEvent, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { LanguageSelect } from "../i18n/LanguageSelect";
import { useSignIn } from "./useSignIn";

export function LoginScreen() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, submit: signIn } = useSignIn();

  function submit(event: FormEvent) {
    event.preventDefault();
    void signIn({ email: email.trim(), password });
  }

  return (
    <main className="centered-page">
      <form className="card login-card" onSubmit={submit}>
        <div className="brand">
          <img src="/icons/icon.svg" alt="" width={40} height={40} />
          <h1>{t("login.title")}</h1>
        </div>
        <label className="field">
          <span>{t("login.email")}</span>
          <input
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="message message--error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary button--large" disabled={busy}>
          {busy ? t("login.submitting") : t("login.submit")}
        </button>
        <LanguageSelect />
      </form>
    </main>
  );
}
