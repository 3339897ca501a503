import { describe, expect, it } from "vitest";
import type { ServerTransport } from "../api/serverTransport";
import { TransportError } from "../api/transportErrors";
import { ConnectivityMonitor } from "./connectivityMonitor";

function environment(online: boolean) {
  return { isOnline: () => online, addEventListener() {}, removeEventListener() {} };
}

describe("ConnectivityMonitor", () => {
  it("is online only when the health probe answers", async () => {
    let healthy = true;
    const transport = {
      health: async () => {
        if (!healthy) throw new TransportError("network", "down");
        return { status: "ok" };
      },
    } as unknown as ServerTransport;
    const monitor = new ConnectivityMonitor({ transport, environment: environment(true) });
    const seen: string[] = [];
    monitor.subscribe((s) => seen.push(s));
    expect(await monitor.probe()).toBe("online");
    healthy = false;
    expect(await monitor.probe()).toBe("offline");
    healthy = true;
    expect(await monitor.probe()).toBe("online");
    expect(seen).toEqual(["offline", "online"]);
  });

  it("trusts navigator.onLine === false without a request", async () => {
    const transport = {
      health: async () => {
        throw new Error("must not be called");
      },
    } as unknown as ServerTransport;
    const monitor = new ConnectivityMonitor({ transport, environment: environment(false) });
    expect(monitor.current).toBe("offline");
    expect(await monitor.probe()).toBe("offline");
  });
});
