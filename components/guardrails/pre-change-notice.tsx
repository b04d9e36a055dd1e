"use client";
import { useState } from "react";
import { GuardedButton } from "@/components/auth/guarded-button";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { preChangeText, recycleLabel, scopeText } from "./guardrail-text";
import type { ApplyOutcome, PreChange } from "./types";
import { buttonClass } from "./write-button";

interface RecycleAnswer {
  terminated: { pid: number }[];
  skipped: number;
  remaining: PreChange;
}

/** Item 4: ALTER ROLE SET reaches new sessions only; the sessions that predate it, and recycling the idle ones (audited). */
export function PreChangeNotice({ targetId, outcome }: { targetId: string; outcome: ApplyOutcome }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<RecycleAnswer | null>(null);
  const pre = result?.remaining ?? outcome.sessionsBeforeChange;
  const label = recycleLabel(pre.idle);

  async function recycle() {
    setBusy(true);
    setError(null);
    try {
      const path = `/api/targets/${encodeURIComponent(targetId)}/guardrails/${encodeURIComponent(outcome.guardrailId)}/recycle`;
      setResult(await apiFetch<RecycleAnswer>(path, { method: "POST", body: reason.trim() ? { reason } : {} }));
      setConfirming(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="status" className="space-y-1.5 rounded border border-zinc-800 bg-zinc-950/40 px-3 py-2 text-sm text-zinc-300">
      <p>{preChangeText(outcome.role, pre)}: they keep the old values until they reconnect.</p>
      {result && (
        <p className="text-xs text-zinc-400">
          Recycled {result.terminated.length} idle session{result.terminated.length === 1 ? "" : "s"}
          {result.skipped > 0 && ` (${result.skipped} skipped: no longer idle or gone)`}.
        </p>
      )}
      {pre.idle > 0 && (
        <GuardedButton permission="sessions.terminate" type="button" onClick={() => setConfirming(true)} className={buttonClass}>
          {label}
        </GuardedButton>
      )}
      {confirming && (
        <ConfirmDialog
          title={`${label} of ${scopeText(outcome.role, outcome.database)}?`}
          confirmLabel={label}
          busy={busy}
          error={error}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
          onConfirm={recycle}
        >
          <p>
            Terminates the {pre.idle} idle session{pre.idle === 1 ? "" : "s"} of {outcome.role} that started before the change, so that their clients reconnect with the
            new values. Sessions that are busy are left alone. Recorded in the audit trail.
          </p>
          <label className="block">
            <span className="text-xs text-zinc-400">Reason</span>
            <input data-autofocus value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1 w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-200" />
          </label>
        </ConfirmDialog>
      )}
    </div>
  );
}
