import { describe, expect, it } from "vitest";
import { translate } from "../i18n/i18n";
import { catalogs } from "../messages";
import { idleSyncState } from "../sync/syncEngine";
import { summarizeSyncStatus, syncLabelParts } from "./syncStatusSummary";

function label(counts: { pending: number; synced: number; error: number; voided?: number }, engine = idleSyncState) {
  const summary = summarizeSyncStatus({ voided: 0, ...counts }, engine);
  return syncLabelParts(summary)
    .map((part) => {
      if (part.key === "sync.pending" || part.key === "sync.errors") {
        return translate(catalogs, "es-CO", `${part.key}.${part.count === 1 ? "one" : "other"}`, { count: part.count });
      }
      return translate(
        catalogs,
        "es-CO",
        part.key,
        part.key === "sync.syncing" ? { percent: part.percent } : undefined,
      );
    })
    .join(", ");
}

describe("sync status", () => {
  it("reads 100% only when nothing is pending or in error", () => {
    expect(label({ pending: 0, synced: 0, error: 0 })).toBe("Sincronizado 100%");
    expect(label({ pending: 0, synced: 12, error: 0, voided: 1 })).toBe("Sincronizado 100%");
    expect(summarizeSyncStatus({ pending: 1, synced: 999, error: 0, voided: 0 }, idleSyncState).percent).toBe(99);
  });

  it("counts pending and errors", () => {
    expect(label({ pending: 3, synced: 2, error: 0 })).toBe("3 pendientes");
    expect(label({ pending: 1, synced: 2, error: 0 })).toBe("1 pendiente");
    expect(label({ pending: 0, synced: 2, error: 1 })).toBe("1 con error");
    expect(label({ pending: 2, synced: 2, error: 2 })).toBe("2 pendientes, 2 con error");
  });

  it("shows upload progress while syncing", () => {
    const running = { ...idleSyncState, running: true, phase: "pushing" as const, pushed: 40, toPush: 100 };
    expect(label({ pending: 100, synced: 0, error: 0 }, running)).toBe("Sincronizando 40%");
  });
});
