import { type DeviceRow, deviceListSchema } from "@mostrador/domain";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";

/** How often an open fleet list asks again: ages and counts stay current without a click. */
const REFRESH_MS = 30_000;

export type FleetNotice = { tone: "info" | "error"; text: string } | null;

/**
 * The admin's view of the company's tills (or one terminal's): loads GET /api/devices, refreshes
 * it, and revokes a device after the admin confirms. `now` is when the list was loaded, so the
 * ages shown ("hace 3 min") are measured against the same instant as the server's answer.
 */
export function useDeviceFleet(userToken: string, terminalId?: string) {
  const { transport } = useAppServices();
  const { t } = useI18n();
  const [devices, setDevices] = useState<DeviceRow[] | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<FleetNotice>(null);
  const failed = useCallback(
    (error: unknown) =>
      setNotice({
        tone: "error",
        text: t("devices.admin.failed", { message: error instanceof Error ? error.message : String(error) }),
      }),
    [t],
  );
  const load = useCallback(async () => {
    try {
      const query = terminalId ? `?terminalId=${encodeURIComponent(terminalId)}` : "";
      const list = await transport.send(deviceListSchema, "devices", "GET", `/api/devices${query}`, {
        token: userToken,
      });
      setDevices(list.items);
      setNow(Date.now());
    } catch (error) {
      failed(error);
    }
  }, [transport, userToken, terminalId, failed]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  /** Ends the device's token once the admin confirms `question`; nothing happens otherwise. */
  async function revoke(device: DeviceRow, question: string): Promise<void> {
    if (!globalThis.confirm(question)) return;
    setBusy(true);
    try {
      await transport.revokeDevice(userToken, device.id);
      setNotice({ tone: "info", text: t("devices.admin.revokedResult", { name: deviceName(device) }) });
      await load();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return { devices, now, busy, setBusy, notice, setNotice, failed, load, revoke };
}

/** The name the admin gave the browser, or the start of its id. */
export function deviceName(device: DeviceRow): string {
  return device.name || device.id.slice(0, 8);
}
