/**
 * When scheduled maintenance matters to the till, from the windows in the local database
 * (so it works offline). Pure: the clock is always a parameter.
 */

export interface MaintenanceWindowLike {
  id: string;
  startsAt: string;
  endsAt: string;
  message?: string;
}

/** The banner shows from this long before a window starts (configurable per call). */
export const DEFAULT_NOTICE_MS = 24 * 3_600_000;

export type MaintenancePhase = "upcoming" | "current";

export interface MaintenanceNotice<W extends MaintenanceWindowLike = MaintenanceWindowLike> {
  window: W;
  phase: MaintenancePhase;
}

const at = (iso: string) => Date.parse(iso);

/** Valid windows only (a malformed row never breaks the till), earliest start first. */
function usable<W extends MaintenanceWindowLike>(windows: readonly W[]): W[] {
  return windows
    .filter((w) => Number.isFinite(at(w.startsAt)) && Number.isFinite(at(w.endsAt)) && at(w.endsAt) > at(w.startsAt))
    .sort((a, b) => at(a.startsAt) - at(b.startsAt));
}

/** The window in progress at `now` (start inclusive, end exclusive), if any. */
export function currentWindow<W extends MaintenanceWindowLike>(windows: readonly W[], now: number): W | null {
  return usable(windows).find((w) => at(w.startsAt) <= now && now < at(w.endsAt)) ?? null;
}

/** The next window that has not started yet, if any. */
export function nextWindow<W extends MaintenanceWindowLike>(windows: readonly W[], now: number): W | null {
  return usable(windows).find((w) => at(w.startsAt) > now) ?? null;
}

/**
 * What the banner should say at `now`: the current window, or else the next one once it is
 * less than `noticeMs` away. A dismissal hides one phase of one window (`dismissalKey`), so a
 * banner dismissed before the window comes back when the window starts.
 */
export function maintenanceNotice<W extends MaintenanceWindowLike>(
  windows: readonly W[],
  now: number,
  options: { noticeMs?: number; dismissed?: ReadonlySet<string> } = {},
): MaintenanceNotice<W> | null {
  const noticeMs = options.noticeMs ?? DEFAULT_NOTICE_MS;
  const dismissed = options.dismissed ?? new Set<string>();
  const current = currentWindow(windows, now);
  if (current) return dismissed.has(dismissalKey(current.id, "current")) ? null : { window: current, phase: "current" };
  const upcoming = usable(windows).find(
    (w) => at(w.startsAt) > now && at(w.startsAt) - now <= noticeMs && !dismissed.has(dismissalKey(w.id, "upcoming")),
  );
  return upcoming ? { window: upcoming, phase: "upcoming" } : null;
}

export function dismissalKey(windowId: string, phase: MaintenancePhase): string {
  return `${windowId}:${phase}`;
}

/** Dismissed keys of windows that are over are useless: keep only the ones still ahead or running. */
export function pruneDismissed(
  dismissed: readonly string[],
  windows: readonly MaintenanceWindowLike[],
  now: number,
): string[] {
  const alive = new Set(windows.filter((w) => at(w.endsAt) > now).map((w) => w.id));
  return dismissed.filter((key) => alive.has(key.slice(0, key.lastIndexOf(":"))));
}

/** "domingo 30 de noviembre, 2:00 a. m. – 4:00 a. m." in the company's time zone (end date repeated if another day). */
export function formatWindowRange(
  window: Pick<MaintenanceWindowLike, "startsAt" | "endsAt">,
  locale: string,
  timeZone: string,
): string {
  const spanish = locale.startsWith("es");
  const intlLocale = spanish ? "es-CO" : "en-US";
  const day = new Intl.DateTimeFormat(intlLocale, { weekday: "long", day: "numeric", month: "long", timeZone });
  const time = new Intl.DateTimeFormat(intlLocale, { hour: "numeric", minute: "2-digit", timeZone });
  const dayKey = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone });
  const start = new Date(window.startsAt);
  const end = new Date(window.endsAt);
  // A window shorter than a minute (tests, drills) would read "2:00 – 2:00": show the seconds then.
  const clock =
    time.format(start) === time.format(end)
      ? new Intl.DateTimeFormat(intlLocale, { hour: "numeric", minute: "2-digit", second: "2-digit", timeZone })
      : time;
  // es-CO writes "domingo, 30 de noviembre"; the notice reads "domingo 30 de noviembre".
  const dayText = (d: Date) => (spanish ? day.format(d).replace(/^(\p{L}+),\s/u, "$1 ") : day.format(d));
  const sameDay = dayKey.format(start) === dayKey.format(end);
  const endText = sameDay ? clock.format(end) : `${dayText(end)}, ${clock.format(end)}`;
  return `${dayText(start)}, ${clock.format(start)} – ${endText}`;
}
