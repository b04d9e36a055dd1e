import { formatDuration, formatDateTime, parsePgTimestamp } from "@/lib/format";
import { truncate } from "./action-text";
import type { SessionAction } from "./action-text";
import { outcomeText, sincePreviewText, type BulkOutcome, type BulkPreview } from "./bulk-filter";

const QUERY_CHARS = 160;
const th = "px-2 py-1 font-medium";
const td = "truncate px-2 py-1";

function started(text: string | null): string {
  const t = parsePgTimestamp(text);
  return t === null ? "" : formatDateTime(t);
}

/** Exactly the sessions the confirmation will act on, then the ones the server left out and why. Outcomes fill in after. */
interface BulkPreviewTableProps {
  action: SessionAction;
  preview: BulkPreview;
  outcomes: Map<number, BulkOutcome> | null;
}

export function BulkPreviewTable({ action, preview, outcomes }: BulkPreviewTableProps) {
  const excluded = preview.excluded ?? [];
  return (
    <div className="space-y-2">
      {preview.sessions.length === 0 ? (
        <p className="text-zinc-400">No session matches this filter.</p>
      ) : (
        <div className="max-h-80 overflow-auto rounded border border-zinc-800">
          <table aria-label="Sessions the action will apply to" className="w-full min-w-[900px] table-fixed text-left text-xs">
            <thead className="sticky top-0 bg-zinc-900 text-zinc-400">
              <tr>
                <th scope="col" className={`${th} w-16`}>PID</th>
                <th scope="col" className={`${th} w-28`}>User</th>
                <th scope="col" className={`${th} w-28`}>Database</th>
                <th scope="col" className={`${th} w-36`}>Application</th>
                <th scope="col" className={`${th} w-28`}>Client</th>
                <th scope="col" className={`${th} w-36`}>State</th>
                <th scope="col" className={`${th} w-24 text-right`}>Transaction age</th>
                <th scope="col" className={`${th} w-36`}>Query start</th>
                <th scope="col" className={th}>Query</th>
                {outcomes && <th scope="col" className={`${th} w-48`}>Outcome</th>}
              </tr>
            </thead>
            <tbody>
              {preview.sessions.map((s) => {
                const o = outcomes?.get(s.pid);
                return (
                  <tr key={`${s.pid}:${s.backendStart}`} className="border-t border-zinc-800/60 align-top">
                    <td className={`${td} font-mono`}>{s.pid}</td>
                    <td className={td} title={s.user ?? undefined}>{s.user ?? ""}</td>
                    <td className={td} title={s.database ?? undefined}>{s.database ?? ""}</td>
                    <td className={td} title={s.applicationName || undefined}>{s.applicationName}</td>
                    <td className={`${td} font-mono`} title={started(s.backendStart) ? `connected ${started(s.backendStart)}` : undefined}>{s.clientAddr ?? "local"}</td>
                    <td className={td}>{s.state ?? s.backendType ?? ""}{s.backendXid && <span className="ml-1 text-rose-300" title="has written in its transaction">✎</span>}</td>
                    <td className={`${td} text-right`}>{s.xactMs === null ? "" : formatDuration(s.xactMs)}</td>
                    <td className={td}>{started(s.queryStart)}</td>
                    <td className="px-2 py-1">
                      <code className="line-clamp-2 break-words font-mono">{truncate(s.query, QUERY_CHARS)}</code>
                      {s.warnings?.map((w) => (
                        <p key={w} className="text-rose-300">{w}</p>
                      ))}
                    </td>
                    {outcomes && (
                      <td className={`px-2 py-1 ${o?.outcome === "ok" ? "text-emerald-300" : "text-amber-300"}`}>
                        {o ? outcomeText(o, action) : "no result"}
                        {o && sincePreviewText(o) && <span className="block text-amber-200">{sincePreviewText(o)}</span>}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {excluded.length > 0 && (
        <div>
          <h4 className="text-xs font-medium text-zinc-400">Excluded ({excluded.length})</h4>
          <ul aria-label="Excluded sessions" className="text-xs text-zinc-400">
            {excluded.map((e) => (
              <li key={e.pid}>
                <span className="font-mono">pid {e.pid}</span>: {e.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
