"use client";
import { Fragment } from "react";
import type { AuditEntry } from "@/lib/audit";
import { formatDateTime, formatDuration } from "@/lib/format";
import { subjectOf } from "./audit-query";
import { AuditDetail } from "./audit-detail";

const OUTCOME_TONE: Record<string, string> = { ok: "text-emerald-300", not_found: "text-amber-300", refused: "text-amber-300", error: "text-rose-300" };
const COLUMNS = ["Time", "Actor", "Role", "Action", "Target", "Subject", "Outcome", "Duration"];
const td = "truncate px-2 py-1";

interface AuditTableProps {
  entries: AuditEntry[];
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
  /** Ids that arrived live, highlighted briefly. */
  fresh: ReadonlySet<string>;
}

function subjectText(e: AuditEntry): string {
  const s = subjectOf(e);
  const list = (e.subject as { sessions?: unknown } | null)?.sessions;
  if (s.pid === null && Array.isArray(list)) return `${list.length} ${list.length === 1 ? "session" : "sessions"}`;
  return [s.pid === null ? null : `pid ${s.pid}`, s.user, s.app].filter((x) => x !== null).join(" · ") || "—";
}

export function AuditTable({ entries, expanded, onToggle, fresh }: AuditTableProps) {
  return (
    <div className="overflow-auto rounded border border-zinc-800">
      <table aria-label="Audit trail" className="w-full min-w-[1100px] table-fixed border-collapse text-left">
        <colgroup>
          <col style={{ width: 28 }} />
          <col style={{ width: 160 }} />
          <col style={{ width: 110 }} />
          <col style={{ width: 80 }} />
          <col style={{ width: 190 }} />
          <col style={{ width: 110 }} />
          <col />
          <col style={{ width: 150 }} />
          <col style={{ width: 90 }} />
        </colgroup>
        <thead className="bg-zinc-900 text-xs text-zinc-400">
          <tr>
            <th scope="col" className="px-1 py-1.5"><span className="sr-only">Details</span></th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={`px-2 py-1.5 font-medium ${c === "Duration" ? "text-right" : ""}`}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const open = expanded.has(e.id);
            return (
              <Fragment key={e.id}>
                <tr data-audit-id={e.id} className={`border-t border-zinc-800/60 ${fresh.has(e.id) ? "bg-sky-950/40" : ""}`}>
                  <td className="px-1 py-1">
                    <button type="button" aria-expanded={open} aria-label={`Details of entry ${e.id}`} onClick={() => onToggle(e.id)} className="rounded px-1 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-200">
                      <span aria-hidden>{open ? "▾" : "▸"}</span>
                    </button>
                  </td>
                  <td className={`${td} font-mono text-xs`} title={e.at}>{formatDateTime(Date.parse(e.at))}</td>
                  <td className={td} title={e.actor.username}>{e.actor.username}</td>
                  <td className={td}>{e.actor.role}</td>
                  <td className={td}>{e.action}</td>
                  <td className={td}>{e.targetId ?? "—"}</td>
                  <td className={td} title={subjectText(e)}>{subjectText(e)}</td>
                  <td className={`${td} ${e.outcome ? (OUTCOME_TONE[e.outcome] ?? "") : "text-zinc-400"}`} title={e.message ?? undefined}>
                    {e.outcome ?? "intent"}
                    {e.message && <span className="ml-1 text-xs text-zinc-400">{e.message}</span>}
                  </td>
                  <td className={`${td} text-right`}>{e.durationMs === null ? "" : formatDuration(e.durationMs)}</td>
                </tr>
                {open && (
                  <tr className="bg-zinc-900/60">
                    <td colSpan={COLUMNS.length + 1}>
                      <AuditDetail entry={e} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {entries.length === 0 && <p className="p-4 text-zinc-400">No audit entry matches the filters.</p>}
    </div>
  );
}
