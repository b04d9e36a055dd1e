"use client";
import { ReasonField } from "@/components/ui/reason-field";
import { useId, useState } from "react";
import type { Session } from "@/lib/snapshot";
import { formatClock, formatDuration } from "@/lib/format";
import { ApiError, apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  CANCEL_EFFECT,
  SKIP_CANCEL_LABEL,
  TERMINATE_EFFECT,
  WROTE_WARNING,
  confirmLabel,
  dialogTitle,
  refusalText,
  resultText,
  type ActionResponse,
  type SessionAction,
  type ToastTone,
} from "./action-text";
import { SessionFacts } from "./session-facts";


interface SessionActionDialogProps {
  targetId: string;
  session: Session;
  action: SessionAction;
  /** When a cancel was already sent to this very session (known on the server, from the audit trail). */
  cancelTriedAt: string | null;
  onClose: () => void;
  onResult: (text: string, tone: ToastTone) => void;
}

/** Confirms one cancel or terminate, calls the API, reports the outcome as a toast. Terminate is the escalation. */
const isIdleInTransaction = (s: Session) => s.state === "idle in transaction" || s.state === "idle in transaction (aborted)";

export function SessionActionDialog({ targetId, session: s, action: initial, cancelTriedAt: triedAt, onClose, onResult }: SessionActionDialogProps) {
  const id = useId();
  const [action, setAction] = useState<SessionAction>(initial);
  const [reason, setReason] = useState("");
  const [skipCancel, setSkipCancel] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Cancel first (runbook 2.2), unless a cancel cannot help: an idle transaction has no query to cancel.
  const idleInTransaction = isIdleInTransaction(s);
  const needsSkip = action === "terminate" && triedAt === null && !idleInTransaction;

  async function confirm() {
    setBusy(true);
    setError(null);
    const path = `/api/targets/${encodeURIComponent(targetId)}/sessions/${s.pid}/${action}`;
    const body = { backendStart: s.backendStart, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    try {
      const res = await apiFetch<ActionResponse>(path, { method: "POST", body });
      const r = resultText(action, s.pid, res.result);
      onResult(r.text, r.tone);
      onClose();
    } catch (e) {
      // Bad input or no answer at all: stay open so the operator can fix it or retry. A refusal closes with its reason.
      if (!(e instanceof ApiError) || e.status === 400 || e.status === 0) {
        setError(errorMessage(e));
        setBusy(false);
        return;
      }
      onResult(refusalText(action, s.pid, e.message), "error");
      onClose();
    }
  }

  return (
    <ConfirmDialog
      key={action}
      title={dialogTitle(action, s.pid)}
      confirmLabel={confirmLabel(action, s.pid)}
      dismissLabel="Close"
      onConfirm={confirm}
      onCancel={onClose}
      busy={busy}
      error={error}
      confirmDisabled={needsSkip && !skipCancel}
      tone={action === "terminate" ? "danger" : "default"}
    >
      <SessionFacts session={s} />
      <p className="text-zinc-200">
        <strong>{action === "cancel" ? "Cancel" : "Terminate"}</strong> {action === "cancel" ? CANCEL_EFFECT : TERMINATE_EFFECT}.
      </p>
      {action === "terminate" && idleInTransaction && (
        <p className="text-zinc-200">
          Cancel is not offered: this session is {s.state}, so there is no running query to cancel. Terminate ends it and rolls back its open
          transaction{s.xactMs !== null ? ` (open ${formatDuration(s.xactMs)})` : ""}, releasing its locks; the application sees its connection drop.
        </p>
      )}
      {action === "cancel" && s.state !== "active" && (
        <p className="text-amber-300">This session is not running a query ({s.state ?? "no state"}): a cancel has no effect on it.</p>
      )}
      {action === "terminate" && s.backendXid && (
        <p className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1 font-medium text-rose-200">
          Warning: {WROTE_WARNING} (backend_xid {s.backendXid}).
        </p>
      )}
      {action === "terminate" && triedAt !== null && <p>A cancel was already sent to this session at {formatClock(Date.parse(triedAt))}, and it is still here.</p>}
      {needsSkip && (
        <div className="space-y-1.5 rounded border border-zinc-700 p-2">
          <p>Runbook 2.2: cancel first; terminate only if the cancel fails and the blast radius is growing.</p>
          <div className="flex items-center gap-2">
            <input id={`${id}-skip`} type="checkbox" checked={skipCancel} onChange={(e) => setSkipCancel(e.target.checked)} />
            <label htmlFor={`${id}-skip`} className="text-zinc-200">
              {SKIP_CANCEL_LABEL}
            </label>
          </div>
          <button type="button" onClick={() => setAction("cancel")} className="rounded border border-sky-800 px-2 py-0.5 text-xs text-sky-300 hover:bg-sky-950">
            Try cancel first
          </button>
        </div>
      )}
      <ReasonField value={reason} onChange={setReason} />
    </ConfirmDialog>
  );
}
