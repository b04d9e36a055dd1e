"use client";
import { useMemo, useState } from "react";
import type { StreamState } from "@/components/live/stream-state";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatDateTime, formatRate } from "@/lib/format";
import { HISTORY_RANGE_KEYS, type HistoryRange, type MetricPoint } from "@/lib/metric-history";
import { HistoryChart, type HistorySeries } from "./history-chart";
import { useHistory } from "./use-history";

export interface HistoryPanelProps {
  targetId: string;
  stream: StreamState;
}

const RANGE_LABEL: Record<HistoryRange, string> = { "15m": "15 min", "1h": "1 hour", "6h": "6 hours", "24h": "24 hours", "7d": "7 days", "14d": "14 days" };

// Module-level so the memoized charts see the same props on every refresh.
const MEM: HistorySeries[] = [{ key: "memAvailablePercent", name: "MemAvailable %", color: "var(--color-emerald-400)" }];
const SWAP: HistorySeries[] = [
  { key: "swapInPerSec", name: "swap-in", color: "var(--color-sky-400)" },
  { key: "swapOutPerSec", name: "swap-out", color: "var(--color-amber-400)" },
];
const PSI: HistorySeries[] = [
  { key: "psiSomeAvg10", name: "some avg10", color: "var(--color-amber-400)" },
  { key: "psiFullAvg10", name: "full avg10", color: "var(--color-rose-400)" },
];
const SESSIONS: HistorySeries[] = [
  { key: "active", name: "active", color: "var(--color-sky-400)" },
  { key: "idle", name: "idle", color: "var(--color-zinc-400)" },
  { key: "idleInTransaction", name: "idle in transaction", color: "var(--color-amber-400)" },
  { key: "total", name: "total", color: "var(--color-zinc-100)" },
];
const TEMP: HistorySeries[] = [{ key: "tempBytesPerSec", name: "temp bytes/s", color: "var(--color-fuchsia-400)" }];
const OOM: HistorySeries[] = [{ key: "oomKills", name: "oom_kill counter", color: "var(--color-rose-400)" }];
const percent = (n: number) => `${Math.round(n * 10) / 10}%`;
const pages = (n: number) => formatRate(n).replace(/\/s$/, " pages/s");
const count = (n: number) => String(Math.round(n * 10) / 10);
const bytesPerSec = (n: number) => `${formatBytes(n)}/s`;

/** Where the store has no samples: from the gap marker to the next recorded bucket. */
function gapsOf(points: MetricPoint[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  points.forEach((p, i) => p.gap && points[i + 1] && out.push([p.t, points[i + 1].t]));
  return out;
}

/** Metric history from the store: look back further than the live charts hold (up to 14 days). */
export function HistoryPanel({ targetId }: HistoryPanelProps) {
  const [range, setRange] = useState<HistoryRange>("1h");
  const { data, error, loading } = useHistory(targetId, range);
  const points = useMemo(() => data?.points ?? [], [data]);
  const gaps = useMemo(() => gapsOf(points), [points]);
  const from = data ? Date.parse(data.since) : 0;
  const to = data ? Date.parse(data.until) : 0;
  const hasHost = points.some((p) => typeof p.memTotalBytes === "number");
  const chart = (label: string, series: HistorySeries[], format: (n: number) => string, step = false) => (
    <HistoryChart label={label} points={points} from={from} to={to} series={series} format={format} step={step} gaps={gaps} />
  );

  const buttons = (
    <div role="group" aria-label="History range" className="flex flex-wrap gap-1">
      {HISTORY_RANGE_KEYS.map((k) => (
        <button
          key={k}
          type="button"
          aria-pressed={range === k}
          onClick={() => setRange(k)}
          className={`rounded px-2 py-0.5 text-xs ${range === k ? "bg-sky-700 text-white" : "bg-zinc-800 text-zinc-300 hover:bg-zinc-700"}`}
        >
          {RANGE_LABEL[k]}
        </button>
      ))}
    </div>
  );

  return (
    <Panel title="Metric history" actions={buttons}>
      <p className="mb-2 text-xs text-zinc-400" aria-live="polite">
        {data
          ? `${formatDateTime(from)} – ${formatDateTime(to)}, ${Math.round(data.bucketMs / 1000)} s per point${gaps.length ? `; shaded: ${gaps.length} gap(s) where the console was not recording` : ""}`
          : loading
            ? "Loading the history…"
            : ""}
        {loading && data ? " (loading…)" : ""}
      </p>
      {error && (
        <p role="status" className="mb-2 text-xs text-amber-400">
          History not refreshed: {error}
        </p>
      )}
      {data && (
        <div className="grid gap-4 lg:grid-cols-2">
          {hasHost && chart("MemAvailable history chart", MEM, percent)}
          {hasHost && chart("Swap history chart", SWAP, pages)}
          {hasHost && chart("Memory pressure history chart", PSI, percent)}
          {chart("Sessions by state history chart", SESSIONS, count)}
          {chart("Temp bytes history chart", TEMP, bytesPerSec)}
          {hasHost && chart("OOM kills history chart", OOM, count, true)}
          {!hasHost && <p className="text-xs text-zinc-400">No host memory recorded in this window (no host configured, or it was down).</p>}
        </div>
      )}
    </Panel>
  );
}
