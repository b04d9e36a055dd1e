"use client";
import { useMemo, useState } from "react";
import type { HostProcess, OdooMemoryLimits, Session } from "@/lib/snapshot";
import { formatBytes } from "@/lib/format";
import { PidLink } from "@/components/live/pid-link";
import { LEVEL_CLASS, odooLimitUse } from "./odoo-limits";
import { formatPercent } from "./oom-risk";
import { defaultProcessSort, joinSessions, sortProcesses, type ProcessSort, type ProcessSortKey } from "./host-processes";

const COLUMNS: Array<{ key: ProcessSortKey; label: string; right?: boolean }> = [
  { key: "pid", label: "PID" },
  { key: "command", label: "Command" },
  { key: "kind", label: "Kind" },
  { key: "rss", label: "RSS", right: true },
  { key: "pss", label: "PSS", right: true },
  { key: "anon", label: "Anon", right: true },
];
/** The probe sends postgres and Odoo processes plus the top others; a long pool need not all be in the DOM. */
const SHOWN = 50;

interface ProcessTableProps {
  processes: HostProcess[];
  sessions: Session[];
  /** Odoo's limit_memory_soft/hard, when configured: Odoo rows show their VSZ against them. */
  odooLimits?: OdooMemoryLimits | null;
}

/** Top processes by memory; postgres backends link to their session. Commands are untrusted: text only. */
export function ProcessTable({ processes, sessions, odooLimits }: ProcessTableProps) {
  const [order, setOrder] = useState<ProcessSort>(defaultProcessSort);
  const rows = useMemo(() => sortProcesses(joinSessions(processes, sessions), order).slice(0, SHOWN), [processes, sessions, order]);
  const sortBy = (key: ProcessSortKey) =>
    setOrder((o) => (o.key === key ? { key, dir: o.dir === "asc" ? "desc" : "asc" } : { key, dir: ["rss", "pss", "anon"].includes(key) ? "desc" : "asc" }));
  return (
    <div className="max-h-96 overflow-auto rounded border border-zinc-800">
      <table className="w-full text-left text-sm" aria-label="Top processes by memory">
        <thead className="sticky top-0 bg-zinc-900 text-xs text-zinc-400">
          <tr>
            {COLUMNS.map((c) => {
              const active = order.key === c.key;
              return (
                <th key={c.key} scope="col" aria-sort={active ? (order.dir === "asc" ? "ascending" : "descending") : "none"} className="px-2 py-1.5 font-medium">
                  <button type="button" onClick={() => sortBy(c.key)} className={`flex w-full items-center gap-1 hover:text-zinc-200 ${c.right ? "justify-end" : ""} ${active ? "text-zinc-200" : ""}`}>
                    {c.label}
                    <span aria-hidden className={active ? "text-sky-400" : "text-zinc-700"}>{active && order.dir === "asc" ? "▲" : "▼"}</span>
                  </button>
                </th>
              );
            })}
            {odooLimits && (
              <th scope="col" className="px-2 py-1.5 text-right font-medium" title="Odoo compares a worker's virtual size (VSZ) with limit_memory_soft and limit_memory_hard, not its RSS">
                Odoo limits (VSZ)
              </th>
            )}
            <th scope="col" className="px-2 py-1.5 font-medium">Session</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.pid} data-process-pid={p.pid} className="border-t border-zinc-800/60">
              <td className="px-2 py-1 font-mono">{p.pid}</td>
              <td className="max-w-md truncate px-2 py-1 font-mono text-xs" title={p.command}>{p.command}</td>
              <td className="px-2 py-1 text-zinc-400">{p.kind}</td>
              <td className="px-2 py-1 text-right">{formatBytes(p.rssBytes)}</td>
              <td className="px-2 py-1 text-right">{formatBytes(p.pssBytes)}</td>
              <td className="px-2 py-1 text-right">{formatBytes(p.anonBytes)}</td>
              {odooLimits && <OdooLimitCell p={p} limits={odooLimits} />}
              <td className="max-w-56 truncate px-2 py-1 text-xs">
                {p.session && (
                  <>
                    <PidLink pid={p.pid} /> <span className="text-zinc-300">{[p.session.user, p.session.applicationName, p.session.state].filter(Boolean).join(" · ")}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {processes.length === 0 && <p className="p-3 text-zinc-400">No processes reported.</p>}
      {processes.length > SHOWN && <p className="p-2 text-xs text-zinc-400">Showing the top {SHOWN} of {processes.length} by the current sort.</p>}
    </div>
  );
}

/** VSZ and its share of soft / hard; amber over soft (Odoo recycles the worker), red at hard (Odoo kills it). */
function OdooLimitCell({ p, limits }: { p: HostProcess; limits: OdooMemoryLimits }) {
  const u = odooLimitUse(p, limits);
  if (!u) return <td className="px-2 py-1" />;
  const parts = [u.ofSoft !== null && `${formatPercent(u.ofSoft)} of soft`, u.ofHard !== null && `${formatPercent(u.ofHard)} of hard`].filter(Boolean);
  const label = u.level === "hard" ? "at limit_memory_hard" : u.level === "soft" ? "over limit_memory_soft" : null;
  return (
    <td data-odoo-limit={u.level} className={`whitespace-nowrap px-2 py-1 text-right text-xs ${LEVEL_CLASS[u.level]}`}>
      {formatBytes(u.vmsBytes)} · {parts.join(" · ")}
      {label && <span className="ml-1 rounded bg-zinc-800 px-1">{label}</span>}
    </td>
  );
}
