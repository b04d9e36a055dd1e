"use client";
import { useNow } from "@/components/ui/use-now";
import { expiresInText, priorText } from "./guardrail-text";
import type { ActiveGuardrail } from "./types";
import { buttonClass, WriteButton } from "./write-button";

interface RollbackTableProps {
  guardrails: ActiveGuardrail[];
  blocked: string | null;
  busy: boolean;
  onRevert: (g: ActiveGuardrail) => void;
}

/** Item 5, the runbook's backout plan: every active guardrail with what revert restores. */
export function RollbackTable({ guardrails, blocked, busy, onRevert }: RollbackTableProps) {
  const now = useNow(15_000);
  if (guardrails.length === 0) return <p className="text-sm text-zinc-400">No active guardrails.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Active guardrails</caption>
        <thead className="text-xs uppercase tracking-wider text-zinc-400">
          <tr>
            {["Role", "Database", "Setting", "Value", "Prior", "Applied by", "Expires", ""].map((h, i) => (
              <th key={i} scope="col" className="py-1 pr-3 font-medium">
                {h || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {guardrails.map((g) => (
            <tr key={g.id} data-guardrail={g.id} className="border-t border-zinc-800 align-top text-zinc-300">
              <td className="py-1 pr-3">{g.role}</td>
              <td className="py-1 pr-3">{g.database ?? <span className="text-zinc-400">all</span>}</td>
              <td className="py-1 pr-3 font-mono text-xs">{g.setting}</td>
              <td className="py-1 pr-3 font-mono text-xs">
                {g.value}
                {g.changedOutside && (
                  <span className="mt-0.5 block font-sans text-amber-300">⚠ changed outside pg-triage: now {g.current ?? "not set"}</span>
                )}
              </td>
              <td className="py-1 pr-3 font-mono text-xs">{priorText(g.prior)}</td>
              <td className="py-1 pr-3">{g.appliedBy}</td>
              <td className="py-1 pr-3 text-xs">
                {now === null ? "" : expiresInText(g.expiresAt, now)}
                {g.expiryBlocked && <span className="block text-amber-300">expiry blocked by a conflict</span>}
              </td>
              <td className="py-1">
                <WriteButton blocked={blocked} showReason={false} disabled={busy} onClick={() => onRevert(g)} aria-label={`Revert ${g.setting} for ${g.role}`} className={buttonClass}>
                  Revert
                </WriteButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
