import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense, useEffect } from "react";
import { useI18n } from "../i18n/i18n";
import { BACK_OFFICE_HOME, goTo, isBackOfficePath, OPEN_TILL_PATH, useAppPath } from "../navigation/appLocation";
import { UpdateBanner } from "../pwa/UpdateBanner";
import { useSellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import { useConnectivity } from "../services/useConnectivity";
import { NotReadyScreen } from "../session/NotReadyScreen";
import type { DeviceIdentity, Readiness, SessionInfo } from "../storage/localRecords";
import { PosShell } from "./PosShell";

// The back office ("Administración") is its own chunks: the till's first load does not carry it.
const BackOffice = lazy(() => import("../backOffice/BackOffice"));
// Sign-in, terminal choice and first load come once per device: a ready till reloads straight into the sale.
const LoginScreen = lazy(() => import("../session/LoginScreen").then((m) => ({ default: m.LoginScreen })));
const TerminalPicker = lazy(() => import("../session/TerminalPicker").then((m) => ({ default: m.TerminalPicker })));
const FirstLoadScreen = lazy(() => import("../session/FirstLoadScreen").then((m) => ({ default: m.FirstLoadScreen })));

interface DeviceState {
  session: SessionInfo | undefined;
  device: DeviceIdentity | undefined;
  readiness: Readiness | undefined;
}

/**
 * Which screen: login → terminal → first load → selling. Everything after login comes from the
 * local database, so a reload (online or not) lands on the same screen. An admin signs in to the
 * back office (/admin/…) without registering a device; "Abrir caja" (/abrir-caja) is the explicit
 * choice that makes this browser a till. A cashier never sees the back office.
 */
export function App() {
  return (
    <>
      <UpdateBanner />
      <AppScreens />
    </>
  );
}

function AppScreens() {
  const { store } = useAppServices();
  const connectivity = useConnectivity();
  const { t } = useI18n();
  const path = useAppPath();
  const state = useLiveQuery(
    async (): Promise<DeviceState> => {
      const [session, device, readiness] = await Promise.all([
        store.getMeta("session"),
        store.getMeta("device"),
        store.getMeta("readiness"),
      ]);
      return { session, device, readiness };
    },
    [store],
    null,
  );
  const terminalName = useLiveQuery(
    async () => (state?.device ? ((await store.getTerminal(state.device.terminalId))?.name ?? "") : ""),
    [store, state?.device?.terminalId],
    "",
  );

  if (!state) return <p className="centered-page muted">{t("app.loading")}</p>;
  const online = connectivity === "online";
  const { session, device, readiness } = state;
  const isAdmin = session?.user.role === "admin";
  if (session && isBackOfficePath(path)) {
    if (!isAdmin) return <GoTo path="/" />;
    return (
      <Suspense fallback={<p className="centered-page muted">{t("app.loading")}</p>}>
        <BackOffice session={session} hasTill={Boolean(device)} />
      </Suspense>
    );
  }
  if (device && readiness?.ready && readiness.terminalId === device.terminalId && session) return <ReadyTill />;
  if (!online) return <NotReadyScreen />;
  if (!device && session && isAdmin && path !== OPEN_TILL_PATH) return <GoTo path={BACK_OFFICE_HOME} />;
  return (
    <Suspense fallback={<p className="centered-page muted">{t("app.loading")}</p>}>
      {!session ? (
        <LoginScreen />
      ) : !device ? (
        <TerminalPicker session={session} />
      ) : (
        <FirstLoadScreen device={device} terminalName={terminalName} />
      )}
    </Suspense>
  );
}

/** Replaces the URL (no history entry) and lets the screens follow it. */
function GoTo({ path }: { path: string }) {
  useEffect(() => goTo(path, { replace: true }), [path]);
  return null;
}

function ReadyTill() {
  const data = useSellingData();
  const { t } = useI18n();
  if (!data) return <p className="centered-page muted">{t("app.loading")}</p>;
  return <PosShell data={data} />;
}
