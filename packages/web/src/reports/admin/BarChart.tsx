import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const HEIGHT = 220;

/**
 * A bar chart (uPlot, loaded only with the reports): one bar per label. The figure's table sits
 * next to it (every chart has its table), so the canvas is only a picture of the numbers.
 */
export function BarChart(props: {
  title: string;
  labels: string[];
  values: number[];
  format: (value: number) => string;
  colour?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { labels, values, format, title } = props;
  const colour = props.colour ?? "#2563eb";
  const key = `${labels.join("|")}#${values.join("|")}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the figures change (key), not on every render
  useEffect(() => {
    const el = box.current;
    if (!el || labels.length === 0) return;
    const xs = labels.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 240),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: () => [-0.5, labels.length - 0.5] },
          y: { range: (_u, min, max) => [Math.min(0, min), Math.max(0, max) * 1.1 || 1] },
        },
        axes: [
          {
            splits: () => xs,
            values: (_u, splits) => splits.map((i) => labels[i] ?? ""),
            rotate: labels.length > 8 ? -45 : 0,
            size: labels.length > 8 ? 60 : 30,
            font: "11px system-ui",
          },
          { values: (_u, splits) => splits.map(format), size: 90, font: "11px system-ui" },
        ],
        series: [
          {},
          {
            label: title,
            stroke: colour,
            fill: `${colour}aa`,
            width: 1,
            paths: uPlot.paths.bars?.({ size: [0.7, 48] }),
            points: { show: false },
          },
        ],
      },
      [xs, values],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 240), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [key]);
  return <div ref={box} className="report-chart__canvas" role="img" aria-label={title} />;
}
