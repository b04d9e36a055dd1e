import type { AuditEntry } from "@/lib/audit";
import { formatZoned } from "@/lib/time-zone";

const pre = "max-h-72 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-950 p-2 font-mono text-xs text-zinc-300";

/** One entry in full: who, from where, the session as it was, and the exact SQL. All as text. */
export function AuditDetail({ entry: e, utc }: { entry: AuditEntry; utc: boolean }) {
  const facts: Array<[string, string]> = [
    ["Entry", `${e.id} (${e.phase}${e.intentId ? `, intent ${e.intentId}` : ""})`],
    ["At", `${formatZoned(e.at, { utc })} (${e.at})`],
    ["Actor", `${e.actor.username} (${e.actor.role}) via ${e.actor.via}${e.actor.tokenId ? ` ${e.actor.tokenId}` : ""}`],
    ["Client", `${e.actor.clientAddr}${e.actor.userAgent ? ` · ${e.actor.userAgent}` : ""}`],
    ["Reason", e.reason ?? "—"],
    ["Message", e.message ?? "—"],
  ];
  return (
    <div role="region" aria-label={`Audit ${e.phase} ${e.id}`} className="grid gap-3 p-2 lg:grid-cols-2">
      <div className="space-y-2">
        <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-0.5 text-xs">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-zinc-400">{k}</dt>
              <dd className="break-words text-zinc-200">{v}</dd>
            </div>
          ))}
        </dl>
        <div>
          <h4 className="text-xs text-zinc-400">SQL</h4>
          <pre aria-label="SQL" className={pre}>{e.sql ?? "—"}</pre>
        </div>
      </div>
      <div>
        <h4 className="text-xs text-zinc-400">Subject (as it was)</h4>
        <pre aria-label="Subject" className={pre}>{e.subject ? JSON.stringify(e.subject, null, 2) : "—"}</pre>
      </div>
    </div>
  );
}
