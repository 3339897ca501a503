import { Component, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n";

interface Props {
  children: ReactNode;
}

interface State {
  error: unknown;
  failed: boolean;
}

/**
 * The till's last line of defence: an error thrown while rendering (a live query that failed, a bug)
 * would otherwise make React unmount everything and leave a blank page in front of the cashier, who
 * cannot tell whether the sales are safe. Sales are already in IndexedDB before their receipt shows, so
 * this says so and offers to try again (render once more: live queries re-read) or reload the page.
 */
export class ScreenFailureBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error("Mostrador: a screen failed to render", error);
  }

  private readonly retry = () => this.setState({ error: null, failed: false });

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <ScreenFailure error={this.state.error} onRetry={this.retry} />;
  }
}

function ScreenFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <main className="centered-page">
      <section className="card" role="alert">
        <h1>{t("app.screenFailed")}</h1>
        <p>{t("app.screenFailedSafe")}</p>
        <p className="muted">{message}</p>
        <div className="field-row">
          <button type="button" className="button button--primary" onClick={onRetry}>
            {t("app.screenRetry")}
          </button>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t("app.screenReload")}
          </button>
        </div>
      </section>
    </main>
  );
}
