"use client";
import { memo, useMemo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { HistoryPoint } from "@/lib/snapshot";
import { formatClock } from "@/lib/format";
import { downsample } from "@/lib/session-stats";
import { useThrottled } from "@/components/ui/use-throttled";
import { markersIn, type AuditMarker } from "./audit-markers";
import { timeTick, valueTick } from "./axis-ticks";
import { AuditMarkerList, MARKER_COLOR, markerShape } from "./marker-shape";
import { timeTicks } from "./time-ticks";
import { SeriesLegend } from "./series-legend";

/** Enough for a 1600 px wide chart; more only costs frames (DESIGN: charts capped at ~600 points). */
const MAX_POINTS = 600;
/**
 * A Recharts update costs tens of milliseconds on a slow machine whatever the point count; a
 * 15-minute trend loses nothing by moving every few seconds, while the counters stay per-second.
 */
const REFRESH_MS = 3000;

// Idle sits on its own right-hand axis: a pool of 2000 idle connections would flatten the others to zero.
const SERIES: Array<{ key: keyof Omit<HistoryPoint, "t" | "total">; name: string; color: string; axis: "busy" | "idle" }> = [
  { key: "active", name: "active", color: "var(--color-sky-400)", axis: "busy" },
  { key: "idle", name: "idle (right axis)", color: "var(--color-zinc-400)", axis: "idle" },
  { key: "idleInTransaction", name: "idle in transaction", color: "var(--color-amber-400)", axis: "busy" },
  { key: "idleInTransactionAborted", name: "idle in tx (aborted)", color: "var(--color-rose-400)", axis: "busy" },
  { key: "waitingOnLock", name: "waiting on locks", color: "var(--color-fuchsia-400)", axis: "busy" },
];

const countTick = valueTick(String);

const NO_MARKERS: AuditMarker[] = [];

/** Sessions by state over the stream's history (the last 15 minutes), without animation; audit outcomes as vertical markers. */
export const SessionsChart = memo(function SessionsChart({ history: live, markers = NO_MARKERS }: { history: HistoryPoint[]; markers?: AuditMarker[] }) {
  const history = useThrottled(live, REFRESH_MS);
  // The stream already keeps only the last 15 minutes.
  const data = useMemo(() => downsample(history, MAX_POINTS), [history]);

  if (data.length === 0) return <p className="text-zinc-400">No history yet.</p>;
  const from = data[0].t;
  const to = data[data.length - 1].t;
  const shown = markersIn(markers, from, to);
  return (
    <div>
      <LineChart responsive data={data} style={{ width: "100%", height: 320 }} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid yAxisId="busy" stroke="var(--color-zinc-800)" vertical={false} />
        <XAxis dataKey="t" type="number" domain={[from, to]} ticks={timeTicks(from, to)} interval={0} tick={timeTick} stroke="var(--color-zinc-600)" />
        <YAxis yAxisId="busy" allowDecimals={false} width={44} interval={0} tick={countTick} stroke="var(--color-zinc-600)" />
        <YAxis yAxisId="idle" orientation="right" allowDecimals={false} width={44} interval={0} tick={countTick} stroke="var(--color-zinc-700)" />
        <Tooltip
          labelFormatter={(t) => formatClock(Number(t))}
          contentStyle={{ background: "var(--color-zinc-900)", border: "1px solid var(--color-zinc-700)", fontSize: 12 }}
          isAnimationActive={false}
        />
        {SERIES.map((s) => (
          <Line
            key={s.key}
            yAxisId={s.axis}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeDasharray={s.axis === "idle" ? "4 3" : undefined}
            dot={false}
            strokeWidth={1.5}
            type="linear"
            isAnimationActive={false}
          />
        ))}
        {shown.map((m) => (
          <ReferenceLine
            key={m.id}
            x={m.t}
            yAxisId="busy"
            stroke={MARKER_COLOR[m.outcome] ?? MARKER_COLOR.error}
            strokeDasharray="2 2"
            shape={markerShape(m.text)}
          />
        ))}
      </LineChart>
      <SeriesLegend series={SERIES} />
      <AuditMarkerList markers={shown} />
    </div>
  );
});
