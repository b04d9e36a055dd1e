"use client";
import { Fragment } from "react";
import { actionState, firstOf, type ActionState, type AuditActionRow } from "@/lib/audit-pairs";
import { subjectSummary } from "@/lib/audit-summary";
import { formatDuration } from "@/lib/format";
import { formatZoned, zoneLabel } from "@/lib/time-zone";
import { useNow } from "@/components/ui/use-now";
import { AuditDetail } from "./audit-detail";

const OUTCOME_TONE: Record<string, string> = { ok: "text-emerald-300", not_found: "text-amber-300", refused: "text-amber-300", error: "text-rose-300", interrupted: "text-rose-300" };
const STATE_TEXT: Record<Exclude<ActionState, "done" | "interrupted">, { text: string; tone: string }> = {
  pending: { text: "pending", tone: "text-sky-300" },
  no_outcome: { text: "no outcome recorded", tone: "text-rose-300" },
};
const td = "truncate px-2 py-1";

interface AuditTableProps {
  actions: AuditActionRow[];
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  /** Action keys that arrived or changed live, highlighted briefly. */
  fresh: ReadonlySet<string>;
  utc: boolean;
}

function OutcomeCell({ row, now }: { row: AuditActionRow; now: number }) {
  const o = row.outcome;
  if (!o) {
    const s = STATE_TEXT[actionState(row, now) as keyof typeof STATE_TEXT];
    return <span className={`font-medium ${s.tone}`}>{s.text}</span>;
  }
  return (
    <>
      <span className={OUTCOME_TONE[o.outcome ?? ""] ?? ""}>{o.outcome === "interrupted" ? "interrupted (result unknown)" : o.outcome}</span>
      {o.message && <span className="ml-1 text-xs text-zinc-400">{o.message.split("\n")[0]}</span>}
    </>
  );
}

/** One row per action (intent and outcome paired); expanding it shows both raw rows. */
export function AuditTable({ actions, expanded, onToggle, fresh, utc }: AuditTableProps) {
  const now = useNow(15_000) ?? Date.now();
  const cols = [`Time (${zoneLabel(now, { utc })})`, "Actor", "Role", "Action", "Target", "Subject", "Outcome", "Duration"];
  return (
    <div className="overflow-auto rounded border border-zinc-800">
      <table aria-label="Audit trail" className="w-full min-w-[1100px] table-fixed border-collapse text-left">
        <colgroup>
          <col style={{ width: 28 }} />
          <col style={{ width: 220 }} />
          <col style={{ width: 100 }} />
          <col style={{ width: 72 }} />
          <col style={{ width: 170 }} />
          <col style={{ width: 90 }} />
          <col />
          <col style={{ width: 200 }} />
          <col style={{ width: 80 }} />
        </colgroup>
        <thead className="bg-zinc-900 text-xs text-zinc-400">
          <tr>
            <th scope="col" className="px-1 py-1.5"><span className="sr-only">Details</span></th>
            {cols.map((c) => (
              <th key={c} scope="col" className={`px-2 py-1.5 font-medium ${c === "Duration" ? "text-right" : ""}`}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {actions.map((r) => {
            const e = firstOf(r);
            const open = expanded.has(r.key);
            const subject = subjectSummary(e);
            const state = actionState(r, now);
            return (
              <Fragment key={r.key}>
                <tr data-audit-id={r.key} data-state={state} className={`border-t border-zinc-800/60 ${fresh.has(r.key) ? "bg-sky-950/40" : ""}`}>
                  <td className="px-1 py-1">
                    <button type="button" aria-expanded={open} aria-label={`Details of action ${r.key}`} onClick={() => onToggle(r.key)} className="rounded px-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-200">
                      <span aria-hidden>{open ? "▾" : "▸"}</span>
                    </button>
                  </td>
                  <td className={`${td} font-mono text-xs`} title={e.at}>{formatZoned(e.at, { utc })}</td>
                  <td className={td} title={e.actor.username}>{e.actor.username}</td>
                  <td className={td}>{e.actor.role}</td>
                  <td className={td}>{e.action}</td>
                  <td className={td}>{e.targetId ?? "—"}</td>
                  <td className={td} title={subject}>{subject}</td>
                  <td className={td} title={r.outcome?.message ?? undefined}>
                    <OutcomeCell row={r} now={now} />
                  </td>
                  <td className={`${td} text-right`}>{r.outcome?.durationMs == null ? "" : formatDuration(r.outcome.durationMs)}</td>
                </tr>
                {open && (
                  <tr className="bg-zinc-900/60">
                    <td colSpan={cols.length + 1}>
                      {r.intent && <AuditDetail entry={r.intent} utc={utc} />}
                      {r.outcome ? <AuditDetail entry={r.outcome} utc={utc} /> : <p className="px-2 pb-2 text-xs text-zinc-400">No outcome row (yet) for intent {r.key}.</p>}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {actions.length === 0 && <p className="p-4 text-zinc-400">No audit entry matches the filters.</p>}
    </div>
  );
}
