"use client";
import { memo, useId, useMemo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricPoint } from "@/lib/metric-history";
import { formatDateTime } from "@/lib/format";
import { valueTick } from "@/components/charts/axis-ticks";
import { historyTickLabel, historyTicks } from "./history-ticks";
import { SeriesLegend } from "@/components/charts/series-legend";

export interface HistorySeries {
  key: Exclude<keyof MetricPoint, "t" | "gap">;
  name: string;
  color: string;
}

interface HistoryChartProps {
  /** The figure's accessible name, e.g. "Swap history chart". */
  label: string;
  points: MetricPoint[];
  from: number;
  to: number;
  series: HistorySeries[];
  format: (n: number) => string;
  /** Counters (OOM kills) are drawn as steps. */
  step?: boolean;
  /** Where the console was not recording: [start, end] pairs, shaded. */
  gaps: Array<[number, number]>;
}

/** One stored metric over the chosen window; lines break at gaps rather than join across them. */
export const HistoryChart = memo(function HistoryChart({ label, points, from, to, series, format, step = false, gaps }: HistoryChartProps) {
  const captionId = useId();
  const tick = useMemo(() => valueTick(format), [format]);
  const ticks = useMemo(() => historyTicks(from, to), [from, to]);
  const timeLabel = useMemo(() => historyTickLabel(to - from), [from, to]);
  const hasData = points.some((p) => series.some((s) => typeof p[s.key] === "number"));
  return (
    <figure aria-label={label} aria-describedby={captionId} data-points={points.length} className="min-w-0">
      <figcaption id={captionId} className="text-xs text-zinc-400">
        {label}
      </figcaption>
      {!hasData ? (
        <p className="py-6 text-xs text-zinc-400">Nothing recorded in this window.</p>
      ) : (
        <>
          <LineChart responsive data={points} style={{ width: "100%", height: 180 }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--color-zinc-800)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={[from, to]}
              ticks={ticks}
              interval={0}
              tick={({ x, y, payload }) => (
                <text x={x} y={Number(y) + 12} textAnchor="middle" fill="var(--color-zinc-400)" fontSize={11}>
                  {timeLabel(Number(payload.value))}
                </text>
              )}
              stroke="var(--color-zinc-600)"
            />
            <YAxis width={64} interval={0} tick={tick} stroke="var(--color-zinc-600)" />
            <Tooltip
              labelFormatter={(t) => formatDateTime(Number(t))}
              formatter={(v) => (typeof v === "number" ? format(v) : String(v))}
              contentStyle={{ background: "var(--color-zinc-900)", border: "1px solid var(--color-zinc-700)", fontSize: 12 }}
              isAnimationActive={false}
            />
            {gaps.map(([a, b]) => (
              <ReferenceArea key={a} x1={a} x2={b} fill="var(--color-zinc-700)" fillOpacity={0.3} ifOverflow="hidden" />
            ))}
            {series.map((s) => (
              <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} dot={false} strokeWidth={1.5} type={step ? "stepAfter" : "linear"} connectNulls={false} isAnimationActive={false} />
            ))}
          </LineChart>
          <SeriesLegend series={series} />
        </>
      )}
    </figure>
  );
});
