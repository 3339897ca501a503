/**
 * User Timing marks for the benchmark script (bench/posBenchmark.mjs) and DevTools:
 * "mostrador:invoice" = Facturar click → receipt on screen (its DOM committed), "mostrador:invoice-frame" =
 * Facturar click → the first frame after it (the receipt laid out and painted), "mostrador:invoice-save" = the
 * durable write alone (saveNewInvoice called → resolved), "mostrador:search" = keystroke →
 * results on screen, "mostrador:first-load" = start → end of the first download.
 */
export type MeasureName =
  | "mostrador:invoice"
  | "mostrador:invoice-frame"
  | "mostrador:invoice-save"
  | "mostrador:search"
  | "mostrador:first-load"
  | "mostrador:pull-fetch"
  | "mostrador:pull-apply";

export function markStart(name: MeasureName): void {
  globalThis.performance?.mark?.(`${name}:start`);
}

/** Measures from the last start mark of `name`; ignored when there is none. */
export function markEnd(name: MeasureName): void {
  const perf = globalThis.performance;
  if (!perf?.getEntriesByName?.(`${name}:start`, "mark").length) return;
  perf.measure(name, `${name}:start`);
  perf.clearMarks(`${name}:start`);
}
