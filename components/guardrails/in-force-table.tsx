"use client";
import { connectionLimitText, groupByRole, sourceLabel, type SourceLabel } from "./guardrail-text";
import type { ActiveGuardrail, GuardrailsView } from "./types";

const BADGE: Record<SourceLabel, string> = {
  "pg-triage": "border-sky-800 bg-sky-950/60 text-sky-200",
  "changed outside pg-triage": "border-amber-700 bg-amber-950/60 text-amber-200",
  external: "border-zinc-700 bg-zinc-900 text-zinc-400",
};

/** Item 1: the per-role settings from pg_db_role_setting (role-wide and per database) and each role's connection limit. */
export function InForceTable({ view, guardrails }: { view: Pick<GuardrailsView, "settings" | "roles">; guardrails: ActiveGuardrail[] }) {
  const groups = groupByRole(view);
  if (groups.length === 0) return <p className="text-sm text-zinc-400">No login roles and no per-role settings.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Settings in force per role</caption>
        <thead className="text-xs uppercase tracking-wider text-zinc-400">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Role</th>
            <th scope="col" className="py-1 pr-3 font-medium">Database</th>
            <th scope="col" className="py-1 pr-3 font-medium">Setting</th>
            <th scope="col" className="py-1 pr-3 font-medium">Value</th>
            <th scope="col" className="py-1 font-medium">Source</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.role} className="border-t border-zinc-800" data-role={g.role}>
            <tr>
              <th scope="rowgroup" colSpan={5} className="py-1.5 pr-3 text-left font-medium text-zinc-100">
                {g.role}
                <span className="ml-3 text-xs font-normal text-zinc-400">
                  connection limit: {connectionLimitText(g.connectionLimit)}
                  {g.connectionLimit !== null && ` · ${g.sessions} session${g.sessions === 1 ? "" : "s"}`}
                  {g.superuser && " · superuser"}
                </span>
              </th>
            </tr>
            {g.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="pb-1.5 text-xs text-zinc-400">no per-role settings (server defaults)</td>
              </tr>
            ) : (
              g.rows.map((s) => {
                const label = sourceLabel(s, guardrails);
                return (
                  <tr key={`${s.database ?? ""}\0${s.setting}`} className="text-zinc-300">
                    <td className="py-0.5 pr-3 text-zinc-400">{g.role}</td>
                    <td className="py-0.5 pr-3">{s.database ?? <span className="text-zinc-400">all (role-wide)</span>}</td>
                    <td className="py-0.5 pr-3 font-mono text-xs">{s.setting}</td>
                    <td className="py-0.5 pr-3 font-mono text-xs">{s.value}</td>
                    <td className="py-0.5">
                      <span className={`rounded border px-1.5 py-0.5 text-xs ${BADGE[label]}`}>{label}</span>
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
