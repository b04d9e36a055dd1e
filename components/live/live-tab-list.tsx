"use client";
// The live view's tabs: everything but the first screen (health strip and suspects), one click away.
import type { PostgresSnapshot, Session } from "@/lib/snapshot";
import type { SessionCounts } from "@/lib/session-stats";
import { BulkPanel } from "@/components/actions/bulk-panel";
import { SessionsChart } from "@/components/charts/sessions-chart";
import { CommandsPanel } from "@/components/commands/commands-panel";
import { GuardrailsPanel } from "@/components/guardrails/guardrails-panel";
import { HistoryPanel } from "@/components/history/history-panel";
import { HostPanel } from "@/components/host/host-panel";
import { MemorySettingsPanel } from "@/components/memory/memory-settings-panel";
import { TempFilesPanel } from "@/components/memory/temp-files-panel";
import { RunbookPanel } from "@/components/runbook/runbook-panel";
import { SessionsPanel } from "@/components/sessions/sessions-panel";
import { SignalsPanel } from "@/components/signals/signals-panel";
import { Panel } from "@/components/ui/panel";
import { commandAnchor } from "@/lib/commands";
import { VerificationPanel } from "@/components/verify/verification-panel";
import type { LiveTab } from "./live-tabs";
import type { StreamState } from "./stream-state";
import type { useAuditMarkers } from "./use-audit-markers";

export const TAB_IDS = ["sessions", "memory", "contain", "runbook", "signals", "history"] as const;

/** The tab a URL hash names: a tab id, or an element inside one (a runbook step links to #command-<name>). */
export const tabFromHash = (hash: string) => {
  const id = hash.replace(/^#/, "");
  if (id.startsWith(commandAnchor(""))) return "contain";
  return (TAB_IDS as readonly string[]).includes(id) ? id : "sessions";
};

interface TabInputs {
  targetId: string;
  stream: StreamState;
  audit: ReturnType<typeof useAuditMarkers>;
  pg: PostgresSnapshot | null;
  sessions: Session[];
  counts: SessionCounts;
  focus: { pid: number; seq: number } | null;
  searchRequest: number;
}

const waiting = <p className="py-4 text-center text-zinc-300">Waiting for the first snapshot…</p>;

export function liveTabs({ targetId, stream, audit, pg, sessions, counts, focus, searchRequest }: TabInputs): LiveTab[] {
  const host = stream.latest?.host ?? null;
  return [
    {
      id: "sessions",
      label: `Sessions (${counts.clientBackends})`,
      keepMounted: true,
      render: () =>
        pg === null ? waiting : (
          <SessionsPanel sessions={sessions} updates={stream.updates} focus={focus} searchRequest={searchRequest} />
        ),
    },
    {
      id: "memory",
      label: "Memory",
      render: () => (
        <div className="space-y-3">
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
            />
          )}
          <div className="grid items-start gap-3 xl:grid-cols-3">
            <Panel title="Session history — last 15 minutes" className="xl:col-span-2">
              <SessionsChart history={stream.history} markers={audit.markers} />
            </Panel>
            {pg && (
              <div className="space-y-3">
                <MemorySettingsPanel settings={pg.settings} activeSessions={counts.active} />
                <TempFilesPanel databases={pg.databases} />
              </div>
            )}
          </div>
        </div>
      ),
    },
    {
      id: "contain",
      label: "Contain",
      render: () => (
        <div className="space-y-3">
          <BulkPanel targetId={targetId} />
          <GuardrailsPanel targetId={targetId} databases={pg?.databases.map((d) => d.datname) ?? []} />
          <CommandsPanel targetId={targetId} stream={stream} />
        </div>
      ),
    },
    {
      id: "runbook",
      label: "Runbook",
      render: () => (
        <div className="grid items-start gap-3 xl:grid-cols-2">
          <RunbookPanel targetId={targetId} stream={stream} />
          <VerificationPanel targetId={targetId} stream={stream} />
        </div>
      ),
    },
    { id: "signals", label: "Signals", render: () => <SignalsPanel targetId={targetId} stream={stream} /> },
    { id: "history", label: "History", render: () => <HistoryPanel targetId={targetId} stream={stream} /> },
  ];
}
