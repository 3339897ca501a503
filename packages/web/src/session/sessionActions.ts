import type { Terminal } from "@mostrador/domain";
import { topUpNumberBlocks } from "../numbering/numberBlockTopUp";
import type { AppServices } from "../services/appServices";
import type { DeviceIdentity, SessionInfo } from "../storage/localRecords";
import { pendingUnsynced, totalUnsynced, type UnsyncedCounts } from "../storage/unsyncedRecords";
import type { PullProgress, SyncEngine } from "../sync/syncEngine";

/** Bigger pages on the first load: fewer round trips and transactions for a 20,000-product catalog. */
export const FIRST_LOAD_PAGE_SIZE = 5000;

/** Logs in online and keeps the session on the device (it survives reloads and offline). */
export async function signIn(
  services: Pick<AppServices, "store" | "transport">,
  credentials: { email: string; password: string },
): Promise<SessionInfo> {
  const response = await services.transport.login(credentials);
  const session: SessionInfo = {
    token: response.token,
    user: response.user,
    company: response.company ?? null,
    loggedInAt: new Date().toISOString(),
  };
  await services.store.setMeta("session", session);
  if (response.company) await services.store.setMeta("company", response.company);
  return session;
}

/** The terminals this cashier may use ("Caja 1", …), active ones first by name. */
/** A till the cashier may pick; `electronic`: its numbering is electronic, so it cannot invoice offline. */
export type TerminalChoice = Terminal & { electronic: boolean };

export async function loadTerminals(
  services: Pick<AppServices, "transport">,
  session: SessionInfo,
): Promise<TerminalChoice[]> {
  const [terminals, numberings] = await Promise.all([
    services.transport.listTerminals(session.token),
    services.transport.listNumberings(session.token),
  ]);
  const electronic = new Set(numberings.filter((n) => n.electronic).map((n) => n.id));
  const allowed = session.user.terminalIds;
  return terminals
    .filter((t) => t.active && (allowed.length === 0 || allowed.includes(t.id)))
    .sort((a, b) => a.name.localeCompare(b.name, "es", { numeric: true }))
    .map((t) => ({ ...t, electronic: electronic.has(t.numberingId) }));
}

function describeThisBrowser(): string {
  const agent = globalThis.navigator?.userAgent ?? "";
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Chrome\//.test(agent)
      ? "Chrome"
      : /Firefox\//.test(agent)
        ? "Firefox"
        : /Safari\//.test(agent)
          ? "Safari"
          : "Browser";
  return `${browser} ${new Date().toISOString().slice(0, 10)}`.slice(0, 100);
}

/** Registers this browser as a device of the terminal and keeps the long-lived device token. */
export async function registerThisDevice(
  services: Pick<AppServices, "store" | "transport">,
  session: SessionInfo,
  terminal: Terminal,
): Promise<DeviceIdentity> {
  const response = await services.transport.registerDevice(session.token, {
    terminalId: terminal.id,
    name: describeThisBrowser(),
  });
  const device: DeviceIdentity = {
    deviceId: response.device.id,
    deviceToken: response.deviceToken,
    terminalId: response.device.terminalId ?? terminal.id,
    userId: session.user.id,
    registeredAt: new Date().toISOString(),
  };
  await services.store.setMeta("device", device);
  return device;
}

/**
 * Downloads everything for the terminal (with counts for the progress bar) and, once the
 * terminal and its numbering are on the device, marks it ready to sell offline.
 */
export async function loadTerminalData(
  services: Pick<AppServices, "store" | "transport"> & { syncEngine: Pick<SyncEngine, "pullAll"> },
  device: DeviceIdentity,
  onProgress: (progress: PullProgress) => void,
): Promise<void> {
  await services.syncEngine.pullAll({ counts: true, onProgress, pageSize: FIRST_LOAD_PAGE_SIZE });
  const terminal = await services.store.getTerminal(device.terminalId);
  const numbering = terminal ? await services.store.getNumbering(terminal.numberingId) : undefined;
  if (!terminal || !numbering) throw new Error("the terminal or its numbering did not arrive with the download");
  await topUpNumberBlocks(services.store, services.transport);
  await services.store.setMeta("readiness", {
    ready: true,
    terminalId: device.terminalId,
    loadedAt: new Date().toISOString(),
  });
}

/** Refused: what exists only on this device, per kind (invoices' pending/errors kept for older callers). */
export type SignOutResult = { ok: true } | { ok: false; pending: number; errors: number; unsynced: UnsyncedCounts };

const refusedWith = (unsynced: UnsyncedCounts): SignOutResult => ({
  ok: false,
  pending: unsynced.invoices.pending,
  errors: unsynced.invoices.error,
  unsynced,
});

/**
 * Refuses while anything exists only here: invoices, credit notes, voids, shift revisions or clients
 * made here, pending or in error (the same count as clearAllIfSynced and "Exportar pendientes").
 * Pending ones are uploaded first when the server is reachable. Otherwise logs out on the server
 * when reachable and wipes the device's data.
 */
export async function signOut(
  services: Pick<AppServices, "store" | "transport" | "syncEngine">,
): Promise<SignOutResult> {
  const { store } = services;
  let unsynced = await store.countUnsynced();
  if (pendingUnsynced(unsynced) > 0) {
    await services.syncEngine.syncNow();
    unsynced = await store.countUnsynced();
  }
  if (totalUnsynced(unsynced) > 0) return refusedWith(unsynced);
  const [session, device] = await Promise.all([store.getMeta("session"), store.getMeta("device")]);
  // Checked again in the wiping transaction: a sale saved meanwhile in another tab is never wiped.
  if (!(await store.clearAllIfSynced())) return refusedWith(await store.countUnsynced());
  // Nothing of this till is left to upload: its unused numbers go back and its device ends, so
  // signing out and in again does not leave old devices holding numbers. Offline, an admin can
  // revoke it later in Dispositivos.
  if (device) await services.transport.retireDevice(device.deviceToken).catch(() => undefined);
  if (session) await services.transport.logout(session.token).catch(() => undefined);
  return { ok: true };
}
