"use client";
import type { HostHistoryPoint } from "@/lib/snapshot";
import { formatBytes, formatRate } from "@/lib/format";
import type { AuditMarker } from "@/components/charts/audit-markers";
import { HostChart, type HostSeries } from "@/components/charts/host-chart";

// Module-level so the memoized charts see the same props on every snapshot.
const MEMORY: HostSeries[] = [
  { key: "memUsedBytes", name: "used", color: "var(--color-rose-400)" },
  { key: "memAvailableBytes", name: "available", color: "var(--color-emerald-400)" },
  { key: "cachedBytes", name: "cached", color: "var(--color-sky-400)" },
];
const SWAP: HostSeries[] = [
  { key: "swapInPerSec", name: "swap-in", color: "var(--color-sky-400)" },
  { key: "swapOutPerSec", name: "swap-out", color: "var(--color-amber-400)" },
];
const PSI: HostSeries[] = [
  { key: "psiSomeAvg10", name: "some avg10", color: "var(--color-amber-400)" },
  { key: "psiFullAvg10", name: "full avg10", color: "var(--color-rose-400)" },
];
const bytes = (n: number) => formatBytes(n);
const pages = (n: number) => formatRate(n).replace(/\/s$/, " pages/s");
const percent = (n: number) => `${Math.round(n * 10) / 10}%`;

interface HostChartsProps {
  history: HostHistoryPoint[];
  markers: AuditMarker[];
  /** The kernel has no PSI: say so instead of drawing an empty chart. */
  psiUnavailable: string | null;
}

/** Runbook step 3.1 over time: memory, swap traffic, memory pressure; audit actions marked on each. */
export function HostCharts({ history, markers, psiUnavailable }: HostChartsProps) {
  return (
    <div className="space-y-4">
      <HostChart label="Memory chart" history={history} series={MEMORY} format={bytes} markers={markers} height={240} />
      <div className="grid gap-4 lg:grid-cols-2">
        <HostChart label="Swap chart" history={history} series={SWAP} format={pages} markers={markers} />
        {psiUnavailable === null ? (
          <HostChart label="Memory pressure chart" history={history} series={PSI} format={percent} markers={markers} />
        ) : (
          <p className="text-xs text-zinc-400">Memory pressure (PSI) unavailable: {psiUnavailable}</p>
        )}
      </div>
    </div>
  );
}
