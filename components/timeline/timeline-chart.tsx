"use client";
import { memo, useMemo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis, type XAxisTickContentProps } from "recharts";
import { formatRate } from "@/lib/format";
import type { IncidentTimeline, MetricPoint } from "@/lib/report";
import { valueTick } from "@/components/charts/axis-ticks";
import { markerShape } from "@/components/charts/marker-shape";
import { timeTicks } from "@/components/charts/time-ticks";
import { eventMarkers, KIND_COLOR } from "./markers";
import { SeriesLegend } from "@/components/charts/series-legend";

const LEAD_IN_MS = 10 * 60_000;
const MAX_TICKS = 8;

type SeriesKey = Exclude<keyof MetricPoint, "t">;
const SERIES: { key: SeriesKey; name: string; color: string; axis: "pct" | "count" | "rate" }[] = [
  { key: "memAvailablePct", name: "MemAvailable %", color: "var(--color-sky-400)", axis: "pct" },
  { key: "swapInPerSec", name: "Swap in /s", color: "var(--color-orange-400)", axis: "rate" },
  { key: "swapOutPerSec", name: "Swap out /s", color: "var(--color-amber-300)", axis: "rate" },
  { key: "active", name: "Active", color: "var(--color-emerald-400)", axis: "count" },
  { key: "idleInTransaction", name: "Idle in transaction", color: "var(--color-fuchsia-400)", axis: "count" },
  { key: "oomKills", name: "OOM kills", color: "var(--color-rose-500)", axis: "count" },
];

const pad2 = (n: number) => String(n).padStart(2, "0");
const utcClock = (t: number) => {
  const d = new Date(t);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
};
const utcTick = ({ x, y, payload }: XAxisTickContentProps) => (
  <text x={x} y={Number(y) + 12} textAnchor="middle" fill="var(--color-zinc-400)" fontSize={11}>
    {utcClock(Number(payload.value))}
  </text>
);
const pctTick = valueTick((n) => `${Math.round(n)}%`);
const countTick = valueTick((n) => String(Math.round(n)));

function ticksOf(from: number, to: number): number[] {
  const all = timeTicks(from, to, MAX_TICKS);
  const every = Math.ceil(all.length / MAX_TICKS);
  return all.filter((_, i) => i % every === 0);
}

/** One chart over the incident's window from its effective start (10 min lead-in), every event a marker line with its text as the tooltip. */
export const TimelineChart = memo(function TimelineChart({ timeline }: { timeline: IncidentTimeline }) {
  const { incident, metrics, events, generatedAt } = timeline;
  const opened = Date.parse(incident.startedAt);
  const end = Date.parse(incident.closedAt ?? generatedAt);
  const from = Math.min(opened - LEAD_IN_MS, metrics[0]?.t ?? Infinity);
  const to = Math.max(end, metrics[metrics.length - 1]?.t ?? -Infinity);
  const markers = useMemo(() => eventMarkers(events), [events]);
  // No history stored: two empty points keep the axis, so the markers still show when things happened.
  const data = useMemo(() => (metrics.length ? metrics : [{ t: from }, { t: to }]), [metrics, from, to]);
  return (
    <figure aria-label="Incident chart" data-points={metrics.length} data-markers={markers.length} className="min-w-0">
      <figcaption className="text-xs text-zinc-400">
        MemAvailable, swap, sessions and OOM kills from 10 minutes before the incident started (times UTC); shaded: the incident.
        {metrics.length === 0 && <span className="ml-2 text-amber-300">No metric history stored for this window.</span>}
      </figcaption>
      <LineChart responsive data={data} style={{ width: "100%", height: 320 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--color-zinc-800)" vertical={false} />
        <XAxis dataKey="t" type="number" domain={[from, to]} ticks={ticksOf(from, to)} interval={0} tick={utcTick} stroke="var(--color-zinc-600)" />
        <YAxis yAxisId="pct" domain={[0, 100]} width={44} tick={pctTick} stroke="var(--color-zinc-600)" />
        <YAxis yAxisId="count" orientation="right" allowDecimals={false} width={40} tick={countTick} stroke="var(--color-zinc-600)" />
        <YAxis yAxisId="rate" hide />
        <ReferenceArea yAxisId="pct" x1={opened} x2={end} fill="var(--color-sky-900)" fillOpacity={0.15} ifOverflow="hidden" />
        <Tooltip
          labelFormatter={(t) => `${utcClock(Number(t))} UTC`}
          formatter={(v, name) => (typeof v === "number" ? (String(name).includes("/s") ? formatRate(v) : String(v)) : String(v))}
          contentStyle={{ background: "var(--color-zinc-900)", border: "1px solid var(--color-zinc-700)", fontSize: 12 }}
          isAnimationActive={false}
        />
        {SERIES.map((s) => (
          <Line key={s.key} yAxisId={s.axis} dataKey={s.key} name={s.name} stroke={s.color} dot={false} strokeWidth={1.5} type="linear" connectNulls={false} isAnimationActive={false} />
        ))}
        {markers.map((m) => (
          <ReferenceLine key={m.id} yAxisId="pct" x={m.t} stroke={KIND_COLOR[m.kind]} strokeDasharray="2 2" shape={markerShape(m.text)} />
        ))}
      </LineChart>
      <SeriesLegend series={SERIES} />
      <ul className="mt-1 flex flex-wrap justify-center gap-x-4 text-xs text-zinc-400" aria-label="Markers">
        {[...new Set(markers.map((m) => m.kind))].map((k) => (
          <li key={k} className="flex items-center gap-1.5">
            <span aria-hidden className="h-3 w-0.5" style={{ background: KIND_COLOR[k] }} />
            {k} ({markers.filter((m) => m.kind === k).length})
          </li>
        ))}
      </ul>
    </figure>
  );
});
