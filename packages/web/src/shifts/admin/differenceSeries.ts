import type { ShiftListItem } from "@mostrador/domain";

export interface DifferencePoint {
  shiftId: string;
  /** Epoch ms of the closing. */
  at: number;
  /** Counted − the server's expected cash (centavos). */
  difference: number;
}

export interface CashierSeries {
  cashierId: string;
  points: DifferencePoint[];
  /** Sum of the differences: what this cashier's drawers were over (> 0) or short (< 0) in all. */
  total: number;
}

/**
 * The closed shifts' differences per cashier (who closed the drawer, who counted it), oldest
 * first; cashiers ordered by the size of their total difference, largest first.
 */
export function differenceSeries(items: readonly ShiftListItem[]): CashierSeries[] {
  const byCashier = new Map<string, DifferencePoint[]>();
  for (const s of items) {
    if (s.status !== "closed" || s.serverDifference === null || s.closedAt === null) continue;
    const cashier = s.closedBy ?? s.openedBy;
    const points = byCashier.get(cashier) ?? [];
    points.push({ shiftId: s.id, at: Date.parse(s.closedAt), difference: s.serverDifference });
    byCashier.set(cashier, points);
  }
  return [...byCashier]
    .map(([cashierId, points]) => ({
      cashierId,
      points: points.sort((a, b) => a.at - b.at || a.shiftId.localeCompare(b.shiftId)),
      total: points.reduce((sum, p) => sum + p.difference, 0),
    }))
    .sort((a, b) => Math.abs(b.total) - Math.abs(a.total) || a.cashierId.localeCompare(b.cashierId));
}

export interface ChartBox {
  width: number;
  height: number;
  pad: number;
}

/**
 * Where a point goes in the chart: time left to right over the span of all points, the
 * difference up (Sobrante) or down (Faltante) from a zero line in the middle, scaled by the
 * largest difference so both sides share one scale.
 */
export function chartScale(series: readonly CashierSeries[], box: ChartBox) {
  const all = series.flatMap((s) => s.points);
  const first = Math.min(...all.map((p) => p.at));
  const last = Math.max(...all.map((p) => p.at));
  const largest = Math.max(1, ...all.map((p) => Math.abs(p.difference)));
  const innerW = box.width - 2 * box.pad;
  const zeroY = box.height / 2;
  const halfH = box.height / 2 - box.pad;
  return {
    zeroY,
    x: (at: number) => box.pad + (last === first ? innerW / 2 : ((at - first) / (last - first)) * innerW),
    y: (difference: number) => zeroY - (difference / largest) * halfH,
    largest,
  };
}
