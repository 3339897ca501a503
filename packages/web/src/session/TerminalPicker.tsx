import type { Terminal } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import type { SessionInfo } from "../storage/localRecords";
import { loadTerminals, registerThisDevice, type TerminalChoice } from "./sessionActions";

/** First login on this browser: the cashier picks "Caja 1", … and the device is registered to it. */
export function TerminalPicker({ session }: { session: SessionInfo }) {
  const services = useAppServices();
  const { t } = useI18n();
  const [terminals, setTerminals] = useState<TerminalChoice[] | null>(null);
  const [registering, setRegistering] = useState<Terminal | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadTerminals(services, session).then(
      (list) => !cancelled && setTerminals(list),
      (e: unknown) =>
        !cancelled && setError(t("terminal.failed", { message: e instanceof Error ? e.message : String(e) })),
    );
    return () => {
      cancelled = true;
    };
  }, [services, session, t]);

  async function choose(terminal: Terminal) {
    setRegistering(terminal);
    setError(null);
    try {
      await registerThisDevice(services, session, terminal);
    } catch (e) {
      setError(t("terminal.failed", { message: e instanceof Error ? e.message : String(e) }));
      setRegistering(null);
    }
  }

  return (
    <main className="centered-page">
      <section className="card terminal-card" aria-labelledby="terminal-title">
        <h1 id="terminal-title">{t("terminal.title")}</h1>
        <p className="muted">{t("terminal.hint")}</p>
        {terminals === null && !error && <p>{t("terminal.loading")}</p>}
        {terminals?.length === 0 && <p className="message message--warning">{t("terminal.none")}</p>}
        <div className="terminal-list">
          {terminals?.map((terminal) => (
            <button
              key={terminal.id}
              type="button"
              className="button terminal-button"
              disabled={registering !== null}
              onClick={() => void choose(terminal)}
              // The name stays the till's name; the electronic note is its description.
              aria-label={terminal.name}
              aria-describedby={terminal.electronic ? `terminal-note-${terminal.id}` : undefined}
            >
              <span className="terminal-button__name">{terminal.name}</span>
              {terminal.electronic && (
                <span className="terminal-button__note" id={`terminal-note-${terminal.id}`}>
                  {t("terminal.electronicNote")}
                </span>
              )}
            </button>
          ))}
        </div>
        {registering && <p>{t("terminal.registering", { name: registering.name })}</p>}
        {error && (
          <p className="message message--error" role="alert">
            {error}
          </p>
        )}
      </section>
    </main>
  );
}
