import { describe, expect, it } from "vitest";
import type { SyncOutcome } from "../sync/syncEngine";
import { manualSyncNotice } from "./manualSync";

const outcome = (kind: NonNullable<SyncOutcome["failure"]>["kind"] | null): SyncOutcome => ({
  ok: kind === null,
  push: { synced: 0, rejected: 0, retry: 0, ignored: 0 },
  pulledPages: 0,
  failure: kind === null ? null : { kind, message: kind, at: "2026-12-01T10:00:00.000Z" },
});

describe("what 'Sincronizar' says when it could not sync", () => {
  it("no answer → offline; 503 → later; a revoked device or ended session → nothing (their own screens)", () => {
    expect(manualSyncNotice(outcome(null))).toBeNull();
    expect(manualSyncNotice(outcome("network"))).toBe("offline");
    expect(manualSyncNotice(outcome("timeout"))).toBe("offline");
    expect(manualSyncNotice(outcome("unavailable"))).toBe("unavailable");
    expect(manualSyncNotice(outcome("server"))).toBe("failed");
    expect(manualSyncNotice(outcome("storage"))).toBe("failed");
    expect(manualSyncNotice(outcome("device_revoked"))).toBeNull();
    expect(manualSyncNotice(outcome("unauthenticated"))).toBeNull();
  });
});
