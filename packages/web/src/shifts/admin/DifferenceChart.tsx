import { shiftListSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { useAppServices } from "../../services/appServices";
import { differenceLabel } from "../differenceLabel";
import { type CashierSeries, chartScale, differenceSeries } from "./differenceSeries";
import { type ShiftListFilters, shiftListPath } from "./shiftListQuery";
import type { ShiftLookups } from "./useShiftLookups";

const BOX = { width: 640, height: 180, pad: 12 };
/** The latest closed shifts the chart draws (one API page). */
const CHART_SHIFTS = 500;
const COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

/** "Diferencias por cajero": each cashier's closed shifts over time, Sobrante up, Faltante down. */
export function DifferenceChart(props: {
  userToken: string;
  timeZone: string;
  filters: ShiftListFilters;
  lookups: ShiftLookups;
}) {
  const { transport } = useAppServices();
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const [series, setSeries] = useState<CashierSeries[] | null>(null);
  const query = shiftListPath(
    { ...props.filters, status: "closed" },
    { limit: CHART_SHIFTS, offset: 0 },
    props.timeZone,
  );
  const path = "path" in query ? query.path : null;

  useEffect(() => {
    if (!path) return;
    let live = true;
    transport
      .send(shiftListSchema, "shifts", "GET", path, { token: props.userToken })
      .then((page) => {
        if (live) setSeries(differenceSeries(page.items));
      })
      .catch(() => {
        if (live) setSeries(null); // the list above already says what failed
      });
    return () => {
      live = false;
    };
  }, [transport, path, props.userToken]);

  if (!series || series.length === 0) return null;
  const scale = chartScale(series, BOX);
  const colour = (i: number) => COLOURS[i % COLOURS.length] as string;
  return (
    <figure className="shift-chart" aria-labelledby="shift-chart-title">
      <figcaption id="shift-chart-title">{t("shift.admin.chartTitle")}</figcaption>
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label={t("shift.admin.chartHint", { amount: i18n.money(scale.largest) })}
      >
        <line x1={BOX.pad} x2={BOX.width - BOX.pad} y1={scale.zeroY} y2={scale.zeroY} stroke="#9ca3af" />
        {series.map((s, i) => (
          <g key={s.cashierId} stroke={colour(i)} fill={colour(i)}>
            {s.points.length > 1 && (
              <polyline
                fill="none"
                strokeWidth={1.5}
                points={s.points.map((p) => `${scale.x(p.at)},${scale.y(p.difference)}`).join(" ")}
              />
            )}
            {s.points.map((p) => (
              <circle key={p.shiftId} cx={scale.x(p.at)} cy={scale.y(p.difference)} r={3.5}>
                <title>
                  {`${props.lookups.userName(s.cashierId)} · ${dateTime(new Date(p.at).toISOString(), props.timeZone)} · ${differenceLabel(i18n, p.difference)}`}
                </title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul className="shift-chart__legend">
        {series.map((s, i) => (
          <li key={s.cashierId}>
            <span className="shift-chart__swatch" style={{ background: colour(i) }} aria-hidden="true" />
            {t(s.points.length === 1 ? "shift.admin.chartLegendOne" : "shift.admin.chartLegend", {
              cashier: props.lookups.userName(s.cashierId),
              count: s.points.length,
              total: differenceLabel(i18n, s.total),
            })}
          </li>
        ))}
      </ul>
    </figure>
  );
}
