import { useLiveQuery } from "dexie-react-hooks";
import { useI18n } from "../i18n/i18n";
import { UpdateBanner } from "../pwa/UpdateBanner";
import { useSellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import { useConnectivity } from "../services/useConnectivity";
import { FirstLoadScreen } from "../session/FirstLoadScreen";
import { LoginScreen } from "../session/LoginScreen";
import { NotReadyScreen } from "../session/NotReadyScreen";
import { TerminalPicker } from "../session/TerminalPicker";
import type { DeviceIdentity, Readiness, SessionInfo } from "../storage/localRecords";
import { PosShell } from "./PosShell";

interface DeviceState {
  session: SessionInfo | undefined;
  device: DeviceIdentity | undefined;
  readiness: Readiness | undefined;
}

/**
 * Which screen: login → terminal → first load → selling. Everything after login comes from the
 * local database, so a reload (online or not) lands on the same screen.
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
  if (device && readiness?.ready && readiness.terminalId === device.terminalId && session) return <ReadyTill />;
  if (!online) return <NotReadyScreen />;
  if (!session) return <LoginScreen />;
  if (!device) return <TerminalPicker session={session} />;
  return <FirstLoadScreen device={device} terminalName={terminalName} />;
}

function ReadyTill() {
  const data = useSellingData();
  const { t } = useI18n();
  if (!data) return <p className="centered-page muted">{t("app.loading")}</p>;
  return <PosShell data={data} />;
}
