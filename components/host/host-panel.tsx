"use client";
import type { HostHistoryPoint, HostSnapshot, MemorySettings, Session } from "@/lib/snapshot";
import { formatDuration } from "@/lib/format";
import { oomKillsSince } from "@/lib/oom-state";
import type { AuditMarker } from "@/components/charts/audit-markers";
import { Panel } from "@/components/ui/panel";
import { StatusBadge } from "@/components/ui/status-badge";
import { HostCharts } from "./host-charts";
import { HostFacts } from "./host-facts";
import { HostStatus } from "./host-status";
import { OomRiskGauge } from "./oom-risk-gauge";
import { ProcessSummary } from "./process-summary";
import { ProcessTable } from "./process-table";

interface HostPanelProps {
  /** The host part of the newest snapshot (status up or down). */
  latest: HostSnapshot;
  /** The last probe with status up: shown (marked stale) while the host is down. */
  lastGood: HostSnapshot | null;
  lastGoodAt: number | null;
  intervalMs: number | null;
  killsAtOpen: number | null;
  history: HostHistoryPoint[];
  markers: AuditMarker[];
  sessions: Session[];
  settings: MemorySettings | null;
  activeBackends: number;
}

/** Runbook steps 1.1 and 3.1: where the memory goes on the database host. The region is named "Host memory". */
export function HostPanel(p: HostPanelProps) {
  const h = p.lastGood;
  const sincePage = oomKillsSince(p.killsAtOpen, h);
  const actions = (
    <>
      <span className={`text-xs ${sincePage ? "font-semibold text-rose-300" : "text-zinc-400"}`}>
        OOM kills: {sincePage ?? "—"} since this page opened · {h ? h.oomKills : "—"} since boot
      </span>
      <span className="text-xs text-zinc-400">
        {p.latest.transport}
        {h?.probeMs != null ? ` · probe ${formatDuration(h.probeMs)}` : ""}
      </span>
      <StatusBadge label="host" status={p.latest.status} />
    </>
  );
  return (
    <Panel title="Host memory" actions={actions}>
      <div className="space-y-4">
        <HostStatus latest={p.latest} lastGoodAt={p.lastGoodAt} intervalMs={p.intervalMs} />
        {h === null ? (
          <p className="text-zinc-400">No host data yet.</p>
        ) : (
          <div className={`space-y-4 ${p.latest.status === "down" ? "opacity-60" : ""}`}>
            <HostFacts host={h} />
            <div className="grid items-start gap-4 xl:grid-cols-3">
              <div className="xl:col-span-2">
                <HostCharts history={p.history} markers={p.markers} psiUnavailable={h.psi ? null : (h.psiUnavailable ?? "not reported")} />
              </div>
              <OomRiskGauge settings={p.settings} activeBackends={p.activeBackends} memAvailableBytes={h.memAvailableBytes} memTotalBytes={h.memTotalBytes} />
            </div>
            <ProcessSummary processes={h.processes} memTotalBytes={h.memTotalBytes} odooLimits={h.odooLimits} />
            {h.kernelLogUnavailable && <p className="text-xs text-zinc-400">Kernel log not readable ({h.kernelLogUnavailable}): OOM kills are still counted, their victims may go unnamed.</p>}
            <ProcessTable processes={h.processes} sessions={p.sessions} odooLimits={h.odooLimits} />
          </div>
        )}
      </div>
    </Panel>
  );
}
