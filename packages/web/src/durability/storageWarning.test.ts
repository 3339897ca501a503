import { describe, expect, test } from "vitest";
import { storageWarningShown } from "./storageWarning";

describe("storageWarningShown", () => {
  const base = { persistence: "denied" as const, standalone: false, dismissedOn: null, today: "2026-12-01" };

  test("shows when the browser refused persistent storage", () => {
    expect(storageWarningShown(base)).toBe(true);
  });

  test("not when storage is persistent, unsupported or still being asked", () => {
    for (const persistence of ["granted", "unsupported", "unknown"] as const)
      expect(storageWarningShown({ ...base, persistence })).toBe(false);
  });

  test("not when the app runs installed", () => {
    expect(storageWarningShown({ ...base, standalone: true })).toBe(false);
  });

  test("hidden for the day it was dismissed, back the next day", () => {
    expect(storageWarningShown({ ...base, dismissedOn: "2026-12-01" })).toBe(false);
    expect(storageWarningShown({ ...base, dismissedOn: "2026-11-30" })).toBe(true);
  });
});
