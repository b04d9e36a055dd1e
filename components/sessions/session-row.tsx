"use client";
import { memo } from "react";
import type { Session } from "@/lib/snapshot";
import { formatBytes, formatDuration } from "@/lib/format";
import { sessionMemoryBytes } from "@/components/host/host-processes";
import { runningMs, waitEventLabel } from "./session-filter";
import { SessionRowActions } from "./session-row-actions";
import { stateTextClass } from "./state-style";

/** Long statements are cut before they reach the DOM; the full text renders only when expanded. */
const COLLAPSED_QUERY_CHARS = 300;

interface SessionRowProps {
  session: Session;
  index: number;
  expanded: boolean;
  onToggle: (key: string) => void;
  measureRef: (node: HTMLTableRowElement | null) => void;
}

export const sessionKey = (s: Session) => `${s.pid}:${s.backendStart ?? ""}`;

function clientLabel(s: Session): string {
  if (s.clientAddr) return s.clientAddr;
  return s.backendType === "client backend" ? "local socket" : "";
}

function memoryTitle(s: Session): string | undefined {
  if (!s.memory) return undefined;
  return s.memory.pssBytes === undefined ? `RSS ${formatBytes(s.memory.rssBytes)} (PSS not readable)` : `PSS ${formatBytes(s.memory.pssBytes)}, RSS ${formatBytes(s.memory.rssBytes)}`;
}

/** Every untrusted field (query, names, addresses) is a React text child: rendered literally, never as HTML. */
export const SessionRow = memo(function SessionRow({ session: s, index, expanded, onToggle, measureRef }: SessionRowProps) {
  const running = runningMs(s);
  const lockWait = s.waitEventType === "Lock";
  const query = expanded || s.query.length <= COLLAPSED_QUERY_CHARS ? s.query : `${s.query.slice(0, COLLAPSED_QUERY_CHARS)}…`;
  const cell = "truncate px-2 py-1";
  return (
    <tr
      ref={measureRef}
      data-index={index}
      id={`session-${s.pid}`}
      data-pid={s.pid}
      className={`border-b border-zinc-800/60 align-top hover:bg-zinc-800/40 ${lockWait ? "bg-fuchsia-950/30" : ""} ${s.isTriage ? "text-zinc-400" : ""}`}
    >
      <td className={`${cell} font-mono`}>{s.pid}</td>
      <td className="px-2 py-0.5">
        <SessionRowActions session={s} />
      </td>
      <td className={cell} title={s.user ?? undefined}>{s.user ?? ""}</td>
      <td className={cell} title={s.database ?? undefined}>{s.database ?? ""}</td>
      <td className={cell} title={s.applicationName || undefined}>
        {s.isTriage && <span className="mr-1.5 rounded border border-sky-800 px-1 text-[10px] uppercase tracking-wide text-sky-400">pg-triage</span>}
        {s.applicationName}
      </td>
      <td className={`${cell} font-mono text-xs`} title={s.clientAddr ?? undefined}>{clientLabel(s)}</td>
      <td className={cell}>
        <span className={stateTextClass(s.state)}>{s.state ?? s.backendType ?? ""}</span>
        {s.state && s.stateMs !== null && <span className="ml-1.5 text-xs text-zinc-400">{formatDuration(s.stateMs)}</span>}
      </td>
      <td className={cell}>
        <span className={lockWait ? "text-fuchsia-300" : "text-zinc-400"}>{waitEventLabel(s)}</span>
        {s.blockedBy.length > 0 && <div className="truncate text-xs text-rose-300">blocked by {s.blockedBy.join(", ")}</div>}
      </td>
      <td className={`${cell} text-right`}>{running === null ? "" : formatDuration(running)}</td>
      <td className={`${cell} text-right`}>{s.xactMs === null ? "" : formatDuration(s.xactMs)}</td>
      <td className={`${cell} text-right`} title={memoryTitle(s)}>{formatBytes(sessionMemoryBytes(s))}</td>
      <td className="px-2 py-1">
        <div className="flex items-start gap-1.5">
          <button
            type="button"
            aria-expanded={expanded}
            aria-label={`Expand query of pid ${s.pid}`}
            onClick={() => onToggle(sessionKey(s))}
            className="shrink-0 rounded px-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-200"
          >
            <span aria-hidden>{expanded ? "▾" : "▸"}</span>
          </button>
          <code className={`min-w-0 font-mono text-xs text-zinc-300 ${expanded ? "whitespace-pre-wrap break-words" : "truncate"}`}>
            {query}
          </code>
        </div>
      </td>
    </tr>
  );
});
