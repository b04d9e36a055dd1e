import type { Session } from "@/lib/snapshot";
import { formatDateTime, formatDuration, parsePgTimestamp } from "@/lib/format";
import { truncate } from "./action-text";

/** Enough of the statement to recognise it in a confirmation; the full text is in the table and the audit trail. */
const QUERY_CHARS = 500;

function when(text: string | null, ageMs: number | null): string {
  const t = parsePgTimestamp(text);
  if (t === null) return "—";
  return ageMs === null ? formatDateTime(t) : `${formatDateTime(t)} (${formatDuration(ageMs)} ago)`;
}

/** The session as the operator sees it when deciding. Every value is a React text child (untrusted). */
export function SessionFacts({ session: s }: { session: Session }) {
  const rows: Array<[string, string]> = [
    ["PID", String(s.pid)],
    ["User", s.user ?? "—"],
    ["Application", s.applicationName || "—"],
    ["Database", s.database ?? "—"],
    ["State", s.state ?? "—"],
    ["Query start", when(s.queryStart, s.queryMs)],
    ["Transaction start", when(s.xactStart, s.xactMs)],
  ];
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-0.5 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-400">{k}</dt>
            <dd className="truncate text-zinc-200" title={v}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <div>
        <p className="text-xs text-zinc-400">Query</p>
        <pre className="max-h-32 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-950 p-2 font-mono text-xs text-zinc-300">
          {truncate(s.query, QUERY_CHARS) || "—"}
        </pre>
      </div>
    </div>
  );
}
