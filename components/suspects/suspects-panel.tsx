"use client";
import { useMemo } from "react";
import type { Session } from "@/lib/snapshot";
import { sessionKey, type Suspect } from "@/lib/triage";
import { RANKING_EXPLAINED } from "@/lib/triage-text";
import { Panel } from "@/components/ui/panel";
import { SuspectCard } from "./suspect-card";
import { SuspectRow, WaitersRow } from "./suspect-row";

interface SuspectsPanelProps {
  suspects: Suspect[];
  sessions: Session[];
}

/** The first thing under the health strip: the sessions most likely behind the incident, each with its action. */
export function SuspectsPanel({ suspects, sessions }: SuspectsPanelProps) {
  const byKey = useMemo(() => new Map(sessions.map((s) => [sessionKey(s.pid, s.backendStart), s])), [sessions]);
  const rows = suspects.flatMap((x) => {
    const s = byKey.get(sessionKey(x.pid, x.backendStart));
    return s ? [{ x, s }] : [];
  });
  return (
    <Panel title={`Suspects (${rows.length})`} actions={<span className="text-xs text-zinc-300">{RANKING_EXPLAINED}</span>}>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-300">
          No suspects: no session blocks another, holds over 256 MiB, writes temp files, runs a query over 1m or sits idle in a transaction over 1m.
        </p>
      ) : (
        <>
          {/* Two renderings of one list, one shown per width: a table on a laptop, cards on a phone. */}
          <ul className="text-sm md:hidden" aria-label="Suspect sessions, most likely cause first">
            {rows.map(({ x, s }) => (
              <SuspectCard key={sessionKey(x.pid, x.backendStart)} suspect={x} session={s} />
            ))}
          </ul>
          <table className="hidden w-full text-sm md:table">
            <caption className="sr-only">Suspect sessions, most likely cause first</caption>
            <thead>
              <tr className="text-left text-xs text-zinc-400">
                <th scope="col" className="pb-1 pr-3 font-medium">PID</th>
                <th scope="col" className="pb-1 pr-3 font-medium">User · app</th>
                <th scope="col" className="pb-1 pr-3 font-medium">State</th>
                <th scope="col" className="pb-1 pr-3 font-medium">Why</th>
                <th scope="col" className="pb-1 pr-3 font-medium">Query</th>
                <th scope="col" className="pb-1 text-right font-medium">Action</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ x, s }) => (
                <SuspectGroup key={sessionKey(x.pid, x.backendStart)} suspect={x} session={s} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}

function SuspectGroup({ suspect, session }: { suspect: Suspect; session: Session }) {
  return (
    <>
      <SuspectRow suspect={suspect} session={session} />
      <WaitersRow suspect={suspect} />
    </>
  );
}
