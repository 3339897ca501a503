import type { MaintenanceWindow } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export function presentWindow(r: Row): MaintenanceWindow {
  return {
    id: String(r.id),
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    message: String(r.message ?? ""),
    version: Number(r.version),
  };
}

const CACHE_MS = 1000;

/**
 * maintenanceSchedule: which windows are current, per company, cached for a second
 * so the 503 check costs no query per request (another process sees a change within 1 s).
 */
export function maintenanceSchedule(db: Queryable) {
  const cache = new Map<string, { at: number; windows: MaintenanceWindow[] }>();

  async function upcoming(companyId: string): Promise<MaintenanceWindow[]> {
    const hit = cache.get(companyId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.windows;
    const rows = await db.query(
      "SELECT * FROM maintenance_windows WHERE company_id = $1 AND ends_at > now() ORDER BY starts_at",
      [companyId],
    );
    const windows = rows.map(presentWindow);
    cache.set(companyId, { at: Date.now(), windows });
    return windows;
  }

  return {
    upcoming,
    invalidate: (companyId: string) => cache.delete(companyId),
    async current(companyId: string, now = new Date()): Promise<MaintenanceWindow | null> {
      const t = now.toISOString();
      return (await upcoming(companyId)).find((w) => w.startsAt <= t && t < w.endsAt) ?? null;
    },
    async status(companyId: string, now = new Date()) {
      const t = now.toISOString();
      const windows = await upcoming(companyId);
      return {
        current: windows.find((w) => w.startsAt <= t && t < w.endsAt) ?? null,
        next: windows.find((w) => w.startsAt > t) ?? null,
      };
    },
  };
}

export type MaintenanceSchedule = ReturnType<typeof maintenanceSchedule>;
