"use client";
import { memo, useId, useMemo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { HostHistoryPoint } from "@/lib/snapshot";
import { formatClock } from "@/lib/format";
import { downsampleHost } from "@/components/host/host-history";
import { useThrottled } from "@/components/ui/use-throttled";
import { markersIn, type AuditMarker } from "./audit-markers";
import { timeTick, valueTick } from "./axis-ticks";
import { AuditMarkerList, MARKER_COLOR, markerShape } from "./marker-shape";
import { timeTicks } from "./time-ticks";
import { SeriesLegend } from "./series-legend";

/** DESIGN: charts capped at ~600 points, animations off; trends refresh every few seconds (see sessions-chart). */
const MAX_POINTS = 600;
const REFRESH_MS = 3000;

export interface HostSeries {
  key: Exclude<keyof HostHistoryPoint, "t">;
  name: string;
  color: string;
}

interface HostChartProps {
  /** The figure's accessible name, e.g. "Memory chart". */
  label: string;
  history: HostHistoryPoint[];
  series: HostSeries[];
  format: (n: number) => string;
  markers: AuditMarker[];
  height?: number;
}

/** One host metric over the stream's history, with the same audit markers as the sessions chart. */
export const HostChart = memo(function HostChart({ label, history: live, series, format, markers, height = 200 }: HostChartProps) {
  const captionId = useId();
  const history = useThrottled(live, REFRESH_MS);
  const data = useMemo(() => downsampleHost(history, MAX_POINTS), [history]);
  const tick = useMemo(() => valueTick(format), [format]);
  const last = data[data.length - 1];
  return (
    <figure aria-label={label} aria-describedby={captionId} data-points={data.length} className="min-w-0">
      <figcaption id={captionId} className="text-xs text-zinc-400">
        {label}
        {last && (
          <span className="ml-2 text-zinc-400">
            {" "}now: {series.map((s) => `${s.name} ${last[s.key] === null ? "—" : format(last[s.key] as number)}`).join(", ")}
          </span>
        )}
      </figcaption>
      {data.length === 0 ? (
        <p className="py-6 text-zinc-400">No host history yet.</p>
      ) : (
        <Plot data={data} series={series} tick={tick} format={format} markers={markers} height={height} />
      )}
    </figure>
  );
});

interface PlotProps {
  data: HostHistoryPoint[];
  series: HostSeries[];
  tick: ReturnType<typeof valueTick>;
  format: (n: number) => string;
  markers: AuditMarker[];
  height: number;
}

function Plot({ data, series, tick, format, markers, height }: PlotProps) {
  const from = data[0].t;
  const to = data[data.length - 1].t;
  const shown = markersIn(markers, from, to);
  return (
    <>
      <LineChart responsive data={data} style={{ width: "100%", height }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--color-zinc-800)" vertical={false} />
        <XAxis dataKey="t" type="number" domain={[from, to]} ticks={timeTicks(from, to, 6)} interval={0} tick={timeTick} stroke="var(--color-zinc-600)" />
        <YAxis width={64} interval={0} tick={tick} stroke="var(--color-zinc-600)" />
        <Tooltip
          labelFormatter={(t) => formatClock(Number(t))}
          formatter={(v) => (typeof v === "number" ? format(v) : String(v))}
          contentStyle={{ background: "var(--color-zinc-900)", border: "1px solid var(--color-zinc-700)", fontSize: 12 }}
          isAnimationActive={false}
        />
        {series.map((s) => (
          <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} dot={false} strokeWidth={1.5} type="linear" connectNulls={false} isAnimationActive={false} />
        ))}
        {shown.map((m) => (
          <ReferenceLine key={m.id} x={m.t} stroke={MARKER_COLOR[m.outcome] ?? MARKER_COLOR.error} strokeDasharray="2 2" shape={markerShape(m.text)} />
        ))}
      </LineChart>
      <SeriesLegend series={series} />
      <AuditMarkerList markers={shown} />
    </>
  );
}
