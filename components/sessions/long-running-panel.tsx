"use client";
import { useId, useMemo, useState } from "react";
import type { Session } from "@/lib/snapshot";
import { formatDuration } from "@/lib/format";
import { Panel } from "@/components/ui/panel";
import { longRunning, waitEventLabel } from "./session-filter";
import { ScrollX } from "@/components/ui/scroll-x";

// The runbook query shows left(query, 200): enough to recognise the statement.
const QUERY_CHARS = 200;

export function LongRunningPanel({ sessions }: { sessions: Session[] }) {
  const inputId = useId();
  const [thresholdSec, setThresholdSec] = useState(30);
  const rows = useMemo(() => longRunning(sessions, thresholdSec), [sessions, thresholdSec]);

  const threshold = (
    <div className="flex items-center gap-2 text-xs text-zinc-400">
      <label htmlFor={inputId}>Long-running threshold (s)</label>
      <input
        id={inputId}
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        value={thresholdSec}
        onChange={(e) => setThresholdSec(Number.isNaN(e.target.valueAsNumber) ? 0 : Math.max(0, e.target.valueAsNumber))}
        className="w-20 rounded border border-zinc-700 bg-zinc-950 px-2 py-0.5 text-zinc-200"
      />
    </div>
  );

  return (
    <Panel title="Long-running active queries" actions={threshold}>
      {rows.length === 0 ? (
        <p className="text-zinc-400">No active query has been running for {thresholdSec} s or more.</p>
      ) : (
        <ScrollX label="Long-running active queries, scrollable">
          <table className="w-full min-w-[36rem] table-fixed text-left">
            <thead className="text-xs text-zinc-400">
              <tr>
                <th scope="col" className="w-16 pb-1 font-medium">PID</th>
                <th scope="col" className="w-28 pb-1 font-medium">User</th>
                <th scope="col" className="w-20 pb-1 text-right font-medium">Runtime</th>
                <th scope="col" className="w-40 pb-1 pl-3 font-medium">Wait event</th>
                <th scope="col" className="pb-1 font-medium">Query</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={`${s.pid}:${s.backendStart}`} className="border-t border-zinc-800/60 align-top">
                  <td className="py-1 font-mono">{s.pid}</td>
                  <td className="truncate py-1" title={s.user ?? undefined}>{s.user ?? ""}</td>
                  <td className="py-1 text-right text-sky-300">{formatDuration(s.queryMs)}</td>
                  <td className="truncate py-1 pl-3 text-zinc-400">{waitEventLabel(s)}</td>
                  <td className="py-1">
                    <code className="line-clamp-2 break-words font-mono text-xs">
                      {s.query.slice(0, QUERY_CHARS)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollX>
      )}
    </Panel>
  );
}
