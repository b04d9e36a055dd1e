"use client";
import { useCallback, useMemo, useState } from "react";
import type { Session } from "@/lib/snapshot";
import { BulkPanel } from "@/components/actions/bulk-panel";
import { AlertsBanner } from "@/components/alerts/alerts-banner";
import { CommandsPanel } from "@/components/commands/commands-panel";
import { HistoryPanel } from "@/components/history/history-panel";
import { IncidentBar } from "@/components/incidents/incident-bar";
import { RunbookPanel } from "@/components/runbook/runbook-panel";
import { SignalsPanel } from "@/components/signals/signals-panel";
import { VerificationPanel } from "@/components/verify/verification-panel";
import { SessionsChart } from "@/components/charts/sessions-chart";
import { GuardrailsPanel } from "@/components/guardrails/guardrails-panel";
import { HostPanel } from "@/components/host/host-panel";
import { OomBanner } from "@/components/host/oom-banner";
import { MemorySettingsPanel } from "@/components/memory/memory-settings-panel";
import { TempFilesPanel } from "@/components/memory/temp-files-panel";
import { LongRunningPanel } from "@/components/sessions/long-running-panel";
import { SessionsPanel } from "@/components/sessions/sessions-panel";
import { Panel } from "@/components/ui/panel";
import { LiveHeader } from "./live-header";
import { SessionCounters } from "./session-counters";
import { countSessions } from "@/lib/session-stats";
import { useAuditMarkers } from "./use-audit-markers";
import { useTargetStream } from "./use-target-stream";

const NO_SESSIONS: Session[] = [];

interface LiveViewProps {
  targetId: string;
  targetName: string;
}

/** The incident view of one target. Shows the last good data even while postgres is down. */
export function LiveView({ targetId, targetName }: LiveViewProps) {
  const audit = useAuditMarkers(targetId);
  const stream = useTargetStream(targetId, audit.add);
  const pg = stream.lastGood?.postgres ?? null;
  const sessions = pg?.sessions ?? NO_SESSIONS;
  const counts = useMemo(() => countSessions(sessions), [sessions]);
  const host = stream.latest?.host ?? null;
  // The process table's "show session" link: the sessions table searches for that pid.
  const [focus, setFocus] = useState<{ pid: number; seq: number } | null>(null);
  const showSession = useCallback((pid: number) => {
    setFocus((f) => ({ pid, seq: (f?.seq ?? 0) + 1 }));
    document.getElementById("sessions")?.scrollIntoView({ block: "start" });
  }, []);

  return (
    <div className="space-y-3">
      <LiveHeader targetId={targetId} targetName={targetName} stream={stream} />
      <IncidentBar targetId={targetId} stream={stream} />
      <AlertsBanner targetId={targetId} stream={stream} />
      {stream.hostLastGood && <OomBanner hostName={targetName} host={stream.hostLastGood} killsAtOpen={stream.oomKillsAtOpen} />}
      {pg === null ? (
        <p className="py-8 text-center text-zinc-400">Waiting for the first snapshot of {targetName}…</p>
      ) : (
        <>
          <SessionCounters counts={counts} settings={pg.settings} />
          <div className="grid items-start gap-3 xl:grid-cols-3">
            <div className="space-y-3 xl:col-span-2">
              <Panel title="Session history — last 15 minutes">
                <SessionsChart history={stream.history} markers={audit.markers} />
              </Panel>
              <LongRunningPanel sessions={sessions} />
            </div>
            <div className="space-y-3">
              <MemorySettingsPanel settings={pg.settings} activeSessions={counts.active} />
              <TempFilesPanel databases={pg.databases} />
            </div>
          </div>
        </>
      )}
      {host && (
        <HostPanel
          latest={host}
          lastGood={stream.hostLastGood}
          lastGoodAt={stream.hostLastGoodAt}
          intervalMs={stream.latest?.intervalMs ?? null}
          killsAtOpen={stream.oomKillsAtOpen}
          history={stream.hostHistory}
          markers={audit.markers}
          sessions={sessions}
          settings={pg?.settings ?? null}
          activeBackends={counts.active}
          onShowSession={showSession}
        />
      )}
      <div className="grid items-start gap-3 xl:grid-cols-2">
        <RunbookPanel targetId={targetId} stream={stream} />
        <div className="space-y-3">
          <VerificationPanel targetId={targetId} stream={stream} />
          <SignalsPanel targetId={targetId} stream={stream} />
        </div>
      </div>
      <CommandsPanel targetId={targetId} stream={stream} />
      <HistoryPanel targetId={targetId} stream={stream} />
      {pg !== null && (
        <>
          <BulkPanel targetId={targetId} />
          <GuardrailsPanel targetId={targetId} databases={pg.databases.map((d) => d.datname)} />
          <div id="sessions" className="scroll-mt-2">
            <SessionsPanel targetId={targetId} sessions={sessions} updates={stream.updates} focus={focus} />
          </div>
        </>
      )}
    </div>
  );
}
