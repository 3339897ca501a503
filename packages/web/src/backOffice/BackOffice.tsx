import { type ComponentType, lazy, Suspense, useMemo, useState } from "react";
import { Link, Redirect, Route, Router, Switch, useLocation } from "wouter";
import { useI18n } from "../i18n/i18n";
import { LanguageSelect } from "../i18n/LanguageSelect";
import { goTo, OPEN_TILL_PATH } from "../navigation/appLocation";
import { unsyncedWhat } from "../pending/unsyncedSummary";
import { useAppServices } from "../services/appServices";
import { SessionGate, SignInAgain } from "../session/SessionGate";
import { signOut } from "../session/sessionActions";
import type { SessionInfo } from "../storage/localRecords";
import { type BackOfficeScreenProps, backOfficeRoutes, DEFAULT_BACK_OFFICE_PATH } from "./backOfficeRoutes";
import { BackOfficeApiProvider, useBackOfficeApi } from "./shared/backOfficeApi";
import "./backOffice.css";
import "./backOfficeLayout.css";
import "./registerBackOfficeMessages";

const screens = new Map<string, ComponentType<BackOfficeScreenProps>>(
  backOfficeRoutes.map((route) => [route.path, lazy(route.load)]),
);

/**
 * "Administración": the shop owner's back office at /admin/…, an online tool beside the till.
 * Loaded only when an admin opens it (its own chunks), so the till's first load does not grow.
 * `hasTill`: this browser is already a till ("Volver a la caja"); otherwise "Abrir caja" is the
 * explicit choice that registers it as one.
 */
export default function BackOffice({ session, hasTill }: { session: SessionInfo; hasTill: boolean }) {
  return (
    <BackOfficeApiProvider session={session}>
      <Router base="/admin">
        <BackOfficeLayout session={session} hasTill={hasTill} />
      </Router>
    </BackOfficeApiProvider>
  );
}

function BackOfficeLayout({ session, hasTill }: { session: SessionInfo; hasTill: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useBackOfficeApi();
  const [location] = useLocation();
  const services = useAppServices();
  const [signOutRefused, setSignOutRefused] = useState<string | null>(null);
  const props = useMemo<BackOfficeScreenProps>(
    () => ({ userToken: api.token, timeZone: api.timeZone }),
    [api.token, api.timeZone],
  );

  async function logOut() {
    const result = await signOut(services);
    if (!result.ok) setSignOutRefused(t("bo.shell.signOutRefused", { what: unsyncedWhat(i18n, result.unsynced) }));
  }

  return (
    <div className="back-office">
      <header className="back-office__header">
        <div className="back-office__brand">
          <img src="/icons/icon.svg" alt="" width={28} height={28} />
          <strong>{t("bo.shell.title")}</strong>
          {session.company && <span className="muted">{session.company.name}</span>}
        </div>
        <div className="back-office__actions">
          <span className="muted">{session.user.name}</span>
          <button type="button" className="button button--primary" onClick={() => goTo(hasTill ? "/" : OPEN_TILL_PATH)}>
            {hasTill ? t("bo.shell.backToTill") : t("bo.shell.openTill")}
          </button>
          {!hasTill && (
            <button type="button" className="button button--ghost" onClick={() => void logOut()}>
              {t("header.logout")}
            </button>
          )}
          <LanguageSelect />
        </div>
      </header>
      {api.unreachable && (
        <div className="banner banner--warning" role="alert">
          {t("bo.shell.unreachable")}
        </div>
      )}
      {signOutRefused && (
        <div className="banner banner--warning" role="alert">
          {signOutRefused}
        </div>
      )}
      <div className="back-office__body">
        <nav className="back-office__nav" aria-label={t("bo.shell.title")}>
          {backOfficeRoutes.map((route) => {
            const active = location === `/${route.path}` || location.startsWith(`/${route.path}/`);
            return (
              <Link
                key={route.path}
                href={`/${route.path}`}
                className={active ? "back-office__link back-office__link--active" : "back-office__link"}
                aria-current={active ? "page" : undefined}
              >
                {t(route.labelKey)}
              </Link>
            );
          })}
        </nav>
        <main className="back-office__main">
          <Suspense fallback={<p className="muted">{t("bo.shell.loading")}</p>}>
            <Switch>
              {backOfficeRoutes.map((route) => {
                const Screen = screens.get(route.path) as ComponentType<BackOfficeScreenProps>;
                return (
                  <Route key={route.path} path={`/${route.path}`} nest>
                    {route.gate ? (
                      <SessionGate session={session}>
                        <div className="back-office__legacy">
                          <Screen {...props} />
                        </div>
                      </SessionGate>
                    ) : (
                      <Screen {...props} />
                    )}
                  </Route>
                );
              })}
              <Route>
                <Redirect to={`/${DEFAULT_BACK_OFFICE_PATH}`} replace />
              </Route>
            </Switch>
          </Suspense>
        </main>
      </div>
      {api.sessionEnded && (
        <div className="dialog-backdrop">
          <div className="dialog" role="dialog" aria-modal="true">
            <SignInAgain session={session} />
          </div>
        </div>
      )}
    </div>
  );
}
