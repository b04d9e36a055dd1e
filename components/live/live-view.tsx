"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Session } from "@/lib/snapshot";
import { countSessions } from "@/lib/session-stats";
import { SessionActionsProvider } from "@/components/actions/session-actions";
import { AlertsBanner } from "@/components/alerts/alerts-banner";
import { IncidentBar } from "@/components/incidents/incident-bar";
import { OomBanner } from "@/components/host/oom-banner";
import { dialogOpen, isTypingTarget } from "@/components/sessions/keyboard";
import { SuspectsPanel } from "@/components/suspects/suspects-panel";
import { HealthStrip } from "./health-strip";
import { LiveHeader } from "./live-header";
import { LockoutWarning } from "./lockout-warning";
import { LiveTabs } from "./live-tabs";
import { liveTabs, tabFromHash } from "./live-tab-list";
import { ShowSessionContext } from "./show-session-context";
import { useAuditMarkers } from "./use-audit-markers";
import { useTargetStream } from "./use-target-stream";

const NO_SESSIONS: Session[] = [];
const NO_TRIED: Record<string, string> = {};

interface LiveViewProps {
  targetId: string;
  targetName: string;
}

/**
 * The incident view of one target. First screen: header, health strip, and the suspects with their
 * actions; everything else one tab away. Shows the last good data even while postgres is down.
 */
export function LiveView({ targetId, targetName }: LiveViewProps) {
  const audit = useAuditMarkers(targetId);
  const stream = useTargetStream(targetId, audit.add);
  const pg = stream.lastGood?.postgres ?? null;
  const sessions = pg?.sessions ?? NO_SESSIONS;
  const counts = useMemo(() => pg?.summary ?? countSessions(sessions), [pg, sessions]);
  const [tab, setTab] = useState("sessions");
  const [focus, setFocus] = useState<{ pid: number; seq: number } | null>(null);
  const [searchRequest, setSearchRequest] = useState(0);

  const selectTab = useCallback((id: string) => {
    setTab(id);
    history.replaceState(null, "", `#${id}`);
  }, []);
  // A link to /targets/x#contain opens that tab (read after hydration: the server has no hash); so does an
  // in-page link to an element of another tab (#command-pause-cron), which is then scrolled to.
  useEffect(() => {
    const follow = () => {
      setTab(tabFromHash(location.hash));
      const id = decodeURIComponent(location.hash.slice(1));
      if (id) requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: "start" }));
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  // Any pid on the page leads to its row: the Sessions tab, filters that hide it cleared, the row ringed.
  const showSession = useCallback(
    (pid: number) => {
      selectTab("sessions");
      setFocus((f) => ({ pid, seq: (f?.seq ?? 0) + 1 }));
    },
    [selectTab],
  );
  // `/` searches sessions from any tab (the Sessions panel handles it itself while shown).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The (hidden) sessions panel has already taken the key (defaultPrevented): only the tab is left to open.
      if (e.key !== "/" || tab === "sessions" || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || dialogOpen()) return;
      e.preventDefault();
      selectTab("sessions");
      setSearchRequest((n) => n + 1);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [tab, selectTab]);

  const tabs = liveTabs({ targetId, stream, audit, pg, sessions, counts, focus, searchRequest });
  return (
    <ShowSessionContext.Provider value={showSession}>
      <SessionActionsProvider targetId={targetId} cancelsTried={pg?.cancelsTried ?? NO_TRIED}>
        <div className="space-y-3">
          <LiveHeader targetId={targetId} targetName={targetName} stream={stream} />
          <LockoutWarning stream={stream} />
          <IncidentBar targetId={targetId} stream={stream} />
          <AlertsBanner targetId={targetId} stream={stream} />
          {stream.hostLastGood && <OomBanner hostName={targetName} host={stream.hostLastGood} killsAtOpen={stream.oomKillsAtOpen} />}
          {pg === null ? (
            <p className="py-8 text-center text-zinc-300">Waiting for the first snapshot of {targetName}…</p>
          ) : (
            <>
              <HealthStrip counts={counts} settings={pg.settings} host={stream.latest?.host ?? null} />
              <SuspectsPanel suspects={pg.suspects} sessions={sessions} />
            </>
          )}
          <LiveTabs tabs={tabs} selected={tab} onSelect={selectTab} />
        </div>
      </SessionActionsProvider>
    </ShowSessionContext.Provider>
  );
}
