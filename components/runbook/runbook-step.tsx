"use client";
import { useEffect, useId, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { RelativeAge } from "@/components/ui/relative-age";
import { commandAnchor, type CommandView } from "@/lib/commands";
import { MAX_NOTE, type ChecklistStep } from "@/lib/incidents";
import { EvidenceBadge } from "./evidence-badge";

interface RunbookStepProps {
  step: ChecklistStep;
  /** The containment commands configured for this step (config `commands[].steps`). */
  commands: readonly CommandView[];
  /** null: read-only (no open incident). */
  incidentId: string | null;
  /** Why the user may not check steps, or null. */
  denied: string | null;
  onChanged: () => void;
}

/** One checklist row: the checkbox names the step ("3.1 No ongoing OOM kills"); the note rides along with a check. */
export function RunbookStepRow({ step, commands, incidentId, denied, onChanged }: RunbookStepProps) {
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Optimistic: the box follows the click at once, until a poll brings the new check row.
  const [pending, setPending] = useState<{ checked: boolean; since: string | null } | null>(null);
  useEffect(() => {
    if (pending && step.at !== pending.since) setPending(null);
  }, [pending, step.at]);
  const detailId = useId();
  const editable = incidentId !== null && denied === null;
  const checked = pending?.checked ?? step.checked;

  async function toggle(next: boolean) {
    if (!incidentId) return;
    setBusy(true);
    setError(null);
    setPending({ checked: next, since: step.at });
    try {
      await apiFetch(`/api/incidents/${encodeURIComponent(incidentId)}/steps`, { method: "POST", body: { stepKey: step.key, checked: next, note: note.trim() || null } });
      setNote("");
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
      setPending(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="space-y-1 border-t border-zinc-800/70 py-2 first:border-t-0">
      <div className="flex items-start gap-2">
        <input
          id={`${detailId}-box`}
          type="checkbox"
          checked={checked}
          disabled={!editable || busy}
          aria-describedby={step.detail ? detailId : undefined}
          onChange={(e) => void toggle(e.target.checked)}
          className="mt-1 size-4 accent-emerald-600 disabled:cursor-not-allowed"
        />
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={`${detailId}-box`} className={`block font-medium ${checked ? "text-emerald-300" : "text-zinc-100"}`}>
            {step.key} {step.title}
          </label>
          {step.detail && (
            <p id={detailId} className="text-xs text-zinc-400">
              {step.detail}
            </p>
          )}
          {step.by && step.at && (
            <p className="text-xs text-zinc-400">
              {step.checked ? "Checked" : "Unchecked"} by {step.by} <RelativeAge iso={step.at} />
              {step.note && <span className="text-zinc-300"> — {step.note}</span>}
            </p>
          )}
          {step.evidence.length > 0 && (
            <ul aria-label={`Evidence for ${step.key}`} className="flex flex-wrap gap-1.5">
              {step.evidence.map((e) => (
                <li key={e.kind} className="max-w-full">
                  <EvidenceBadge evidence={e} />
                </li>
              ))}
            </ul>
          )}
          {commands.length > 0 && (
            <p className="text-xs text-zinc-400">
              Commands:{" "}
              {commands.map((c, i) => (
                <span key={c.name}>
                  {i > 0 && ", "}
                  <a href={`#${commandAnchor(c.name)}`} className="text-sky-300 underline-offset-2 hover:underline">
                    {c.label}
                  </a>
                </span>
              ))}
            </p>
          )}
          {editable && (
            <input
              type="text"
              aria-label={`Note for ${step.key}`}
              placeholder="Note (optional, saved with the next check)"
              maxLength={MAX_NOTE}
              value={note}
              disabled={busy}
              onChange={(e) => setNote(e.target.value)}
              className="w-full rounded border border-zinc-800 bg-zinc-950 px-2 py-0.5 text-xs text-zinc-200 placeholder:text-zinc-400"
            />
          )}
          {error && (
            <p role="alert" className="text-xs text-rose-300">
              {error}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
