"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { priorText, scopeText } from "./guardrail-text";
import type { RevertConflict } from "./types";

interface ConflictDialogProps {
  conflicts: RevertConflict[];
  busy: boolean;
  error: string | null;
  onOverwrite: () => void;
  onCancel: () => void;
}

/** A revert met a value changed outside pg-triage since the apply: show both values and ask, never overwrite silently. */
export function ConflictDialog({ conflicts, busy, error, onOverwrite, onCancel }: ConflictDialogProps) {
  return (
    <ConfirmDialog title="Changed outside pg-triage" confirmLabel="Overwrite with the prior value" busy={busy} error={error} onConfirm={onOverwrite} onCancel={onCancel} dismissLabel="Keep the current value">
      <p>Since pg-triage applied {conflicts.length === 1 ? "this guardrail" : "these guardrails"}, someone changed the value outside the console.</p>
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wider text-zinc-400">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">Setting</th>
            <th scope="col" className="py-1 pr-2 font-medium">Applied</th>
            <th scope="col" className="py-1 pr-2 font-medium">Now</th>
            <th scope="col" className="py-1 font-medium">Revert restores</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => (
            <tr key={c.id} className="border-t border-zinc-800 text-zinc-300">
              <th scope="row" className="py-0.5 pr-2 text-left font-normal">
                <span className="font-mono text-xs">{c.setting}</span>
                <span className="block text-xs text-zinc-400">{scopeText(c.role, c.database)}</span>
              </th>
              <td className="py-0.5 pr-2 font-mono text-xs">{c.applied}</td>
              <td className="py-0.5 pr-2 font-mono text-xs text-amber-200">{c.current ?? "not set"}</td>
              <td className="py-0.5 font-mono text-xs">{priorText(c.prior)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConfirmDialog>
  );
}
