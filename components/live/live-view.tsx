"use client";
import { useMemo } from "react";
import type { Session } from "@/lib/snapshot";
import { BulkPanel } from "@/components/actions/bulk-panel";
import { SessionsChart } from "@/components/charts/sessions-chart";
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

  return (
    <div className="space-y-3">
      <LiveHeader targetId={targetId} targetName={targetName} stream={stream} />
      {pg === null ? (
        <p className="py-8 text-center text-zinc-500">Waiting for the first snapshot of {targetName}…</p>
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
          <BulkPanel targetId={targetId} />
          <SessionsPanel targetId={targetId} sessions={sessions} updates={stream.updates} />
        </>
      )}
    </div>
  );
}
