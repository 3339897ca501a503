import type { ServerStatus } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import type { ServerTransport } from "../api/serverTransport";
import { TransportError } from "../api/transportErrors";
import { ConnectivityMonitor } from "../connectivity/connectivityMonitor";
import type { LocalStore } from "../storage/localStore";
import type { SyncEngineState } from "../sync/syncEngine";
import type { ScheduledSync } from "../sync/syncScheduler";
import type { MaintenanceWindowLike } from "./maintenanceSchedule";
import { MaintenanceWatch } from "./maintenanceWatch";

const window1 = {
  id: "w1",
  startsAt: "2026-11-30T07:00:00.000Z",
  endsAt: "2026-11-30T07:00:25.000Z",
  message: "",
  version: 1,
};
const t = (iso: string) => Date.parse(iso);

function setup(local: MaintenanceWindowLike[]) {
  let now = t("2026-11-30T06:59:50.000Z");
  let server: ServerStatus["maintenance"] | "down" = { current: null, next: null };
  const requested: string[] = [];
  let engineListener: ((s: SyncEngineState) => void) | null = null;
  const transport = {
    health: async () => ({ status: "ok" }),
    status: async () => {
      if (server === "down") throw new TransportError("network", "down");
      return { serverTime: new Date(now).toISOString(), maintenance: server };
    },
  } as unknown as ServerTransport;
  const connectivity = new ConnectivityMonitor({
    transport,
    environment: { isOnline: () => true, addEventListener() {}, removeEventListener() {} },
  });
  const store = {
    getMeta: async () => ({ deviceToken: "dev" }),
  } as unknown as LocalStore;
  const syncEngine = {
    subscribe: (l: (s: SyncEngineState) => void) => {
      engineListener = l;
      return () => {};
    },
    getState: () => ({}) as SyncEngineState,
    requestSync: (reason: string) => requested.push(reason),
  } as unknown as ScheduledSync;
  const watch = new MaintenanceWatch({
    store,
    transport,
    connectivity,
    syncEngine,
    now: () => now,
    tickMs: 3_600_000,
    watchWindows: (listener) => {
      listener(local);
      return () => {};
    },
  });
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return {
    watch,
    connectivity,
    requested,
    settle,
    setNow: (iso: string) => {
      now = t(iso);
    },
    setServer: (s: typeof server) => {
      server = s;
    },
    failSync: (at: string) => engineListener?.({ lastFailure: { kind: "unavailable", message: "503", at } } as never),
  };
}

describe("MaintenanceWatch", () => {
  it("goes offline when a local window starts by the clock and syncs when it ends", async () => {
    const s = setup([window1]);
    const stop = s.watch.start();
    await s.settle();
    await s.connectivity.probe();
    expect(s.connectivity.current).toBe("online");
    expect(s.watch.getState().active).toBeNull();
    expect(s.watch.getState().windows.map((w) => w.id)).toEqual(["w1"]);

    s.setNow("2026-11-30T07:00:00.000Z");
    s.setServer({ current: window1, next: null });
    s.watch.evaluate();
    expect(s.watch.getState().active?.id).toBe("w1");
    expect(s.connectivity.current).toBe("offline");
    expect(s.connectivity.maintenance).toBe(true);
    // health answers 200 during maintenance: still offline
    expect(await s.connectivity.probe()).toBe("offline");

    s.setNow("2026-11-30T07:00:25.000Z");
    s.setServer({ current: null, next: null });
    s.watch.evaluate();
    await s.settle();
    expect(s.watch.getState().active).toBeNull();
    expect(s.requested).toContain("maintenance-ended");
    expect(s.connectivity.current).toBe("online");
    stop();
  });

  it("syncs again once the server, lagging a moment behind the clock, is out of the window", async () => {
    const s = setup([window1]);
    s.setNow("2026-11-30T07:00:05.000Z");
    s.setServer({ current: window1, next: null });
    const stop = s.watch.start();
    await s.settle();
    s.setNow("2026-11-30T07:00:25.000Z"); // over by our clock; the server still says current
    s.watch.evaluate();
    await s.settle();
    expect(s.watch.getState().active).toBeNull();
    const before = s.requested.length;
    s.setServer({ current: null, next: null });
    await new Promise((r) => setTimeout(r, 1100)); // it asks again after a second
    await s.settle();
    expect(s.requested.length).toBe(before + 1);
    expect(s.requested.at(-1)).toBe("maintenance-ended");
    stop();
  });

  it("follows the server when it comes back early", async () => {
    const s = setup([window1]);
    s.setNow("2026-11-30T07:00:05.000Z");
    s.setServer({ current: window1, next: null });
    const stop = s.watch.start();
    await s.settle();
    expect(s.watch.getState().active?.id).toBe("w1");

    s.setServer({ current: null, next: null }); // the admin cancelled the window
    s.setNow("2026-11-30T07:00:11.000Z");
    s.watch.evaluate(); // more than recheckMs later: asks the status again
    await s.settle();
    expect(s.watch.getState().active).toBeNull();
    expect(s.watch.getState().windows).toEqual([]);
    expect(s.requested).toContain("maintenance-ended");
    stop();
  });

  it("learns of a window it did not have from a 503 of the sync", async () => {
    const s = setup([]);
    s.setNow("2026-11-30T07:00:05.000Z");
    const stop = s.watch.start();
    await s.settle();
    expect(s.watch.getState().active).toBeNull();
    s.setServer({ current: window1, next: null });
    s.failSync("2026-11-30T07:00:05.100Z");
    await s.settle();
    expect(s.watch.getState().active?.id).toBe("w1");
    expect(s.connectivity.current).toBe("offline");
    stop();
  });

  it("keeps to the clock when the server cannot be reached", async () => {
    const s = setup([window1]);
    s.setServer("down");
    s.setNow("2026-11-30T07:00:01.000Z");
    const stop = s.watch.start();
    await s.settle();
    expect(s.watch.getState().active?.id).toBe("w1");
    s.setNow("2026-11-30T07:00:30.000Z");
    s.watch.evaluate();
    await s.settle();
    expect(s.watch.getState().active).toBeNull();
    stop();
  });
});
