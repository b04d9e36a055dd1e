"use client";
// The text of each column for one session. Every untrusted field is a React text child: never HTML.
import type { ReactNode } from "react";
import type { Session } from "@/lib/snapshot";
import { formatBytes, formatDuration } from "@/lib/format";
import { sessionMemoryBytes } from "@/components/host/host-processes";
import type { ColumnId } from "./session-columns";
import { runningMs, waitEventLabel } from "./session-filter";
import { stateTextClass } from "./state-style";
import { PidLink } from "@/components/live/pid-link";

function clientLabel(s: Session): string {
  if (s.clientAddr) return s.clientAddr;
  return s.backendType === "client backend" ? "local socket" : "";
}

function memoryTitle(s: Session): string | undefined {
  if (!s.memory) return undefined;
  return s.memory.pssBytes === undefined ? `RSS ${formatBytes(s.memory.rssBytes)} (PSS not readable)` : `PSS ${formatBytes(s.memory.pssBytes)}, RSS ${formatBytes(s.memory.rssBytes)}`;
}

const whoTitle = (s: Session) => [s.user, s.database && `database ${s.database}`, s.applicationName].filter(Boolean).join(" · ") || undefined;

/** The long states, short enough for one dense line (the full name is the cell's title). */
const SHORT_STATE: Record<string, string> = {
  "idle in transaction": "idle in tx",
  "idle in transaction (aborted)": "idle in tx (aborted)",
  "fastpath function call": "fastpath call",
};

/** backend_start to the second: the microseconds identify the session, they do not help a person. */
const startLabel = (s: Session) => (s.backendStart ?? "").replace(/\.\d+/, "");

/** Plain text of a column, for the folded (hidden) columns of an expanded row. */
export function columnText(id: ColumnId, s: Session): string {
  switch (id) {
    case "xactAge":
      return s.xactMs === null ? "" : formatDuration(s.xactMs);
    case "database":
      return s.database ?? "";
    case "client":
      return clientLabel(s);
    case "backendStart":
      return startLabel(s);
    case "xids":
      return s.backendXid || s.backendXmin ? `${s.backendXid ?? "—"} / ${s.backendXmin ?? "—"}` : "";
    case "wait":
      return waitEventLabel(s);
    case "memory":
      return formatBytes(sessionMemoryBytes(s));
    case "who":
      return whoTitle(s) ?? "";
    default:
      return "";
  }
}

/** The cell content and its hover title for the simple columns (not pid, actions, query). */
export function cellContent(id: ColumnId, s: Session, gone: boolean): { content: ReactNode; title?: string } {
  switch (id) {
    case "state":
      if (gone) return { content: <span className="text-zinc-400 no-underline">gone</span>, title: "This session has ended; it leaves the table on refresh" };
      return {
        content: (
          <>
            <span className={stateTextClass(s.state)}>{s.state ? (SHORT_STATE[s.state] ?? s.state) : (s.backendType ?? "")}</span>
            {s.state && s.stateMs !== null && <span className="ml-1.5 text-xs text-zinc-400">{formatDuration(s.stateMs)}</span>}
          </>
        ),
        title: s.state ?? s.backendType ?? undefined,
      };
    case "duration": {
      const running = runningMs(s);
      return { content: running === null ? "" : formatDuration(running) };
    }
    case "who":
      return {
        content: (
          <>
            {s.isTriage && <span className="mr-1.5 rounded border border-sky-800 px-1 text-[10px] uppercase tracking-wide text-sky-400">pg-triage</span>}
            {s.user ?? ""}
            {s.applicationName && <span className="text-zinc-400"> · {s.applicationName}</span>}
          </>
        ),
        title: whoTitle(s),
      };
    case "wait": {
      const label = waitEventLabel(s);
      const lock = s.waitEventType === "Lock";
      const blocked = s.blockedBy.length > 0 ? `blocked by ${s.blockedBy.join(", ")}` : "";
      return {
        content: (
          <>
            {/* The event names its type (ClientRead, PgSleep), except for locks (relation, tuple). */}
            <span className={lock ? "text-fuchsia-300" : "text-zinc-400"}>{lock ? label : (s.waitEvent ?? label)}</span>
            {blocked && (
              <span className="ml-1.5 text-xs text-rose-300">
                blocked by{" "}
                {s.blockedBy.map((pid, i) => (
                  <span key={pid}>
                    {i > 0 && ", "}
                    <PidLink pid={pid} />
                  </span>
                ))}
              </span>
            )}
          </>
        ),
        title: [label, blocked].filter(Boolean).join(", ") || undefined,
      };
    }
    case "memory":
      return { content: columnText("memory", s), title: memoryTitle(s) };
    case "client":
      return { content: <span className="font-mono text-xs">{clientLabel(s)}</span>, title: s.clientAddr ?? undefined };
    default: {
      const text = columnText(id, s);
      return { content: text, title: text || undefined };
    }
  }
}
