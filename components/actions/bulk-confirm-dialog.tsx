"use client";
import { ReasonField } from "@/components/ui/reason-field";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CANCEL_EFFECT, TERMINATE_EFFECT, type SessionAction } from "./action-text";
import { bulkConfirmLabel, type BulkPreviewSession } from "./bulk-filter";

interface BulkConfirmDialogProps {
  action: SessionAction;
  sessions: BulkPreviewSession[];
  busy: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Names the count and the pids; the server acts on exactly this list, re-checking each session. */
export function BulkConfirmDialog({ action, sessions, busy, error, onConfirm, onCancel }: BulkConfirmDialogProps) {
  const [reason, setReason] = useState("");
  const label = bulkConfirmLabel(action, sessions.length);
  const wrote = sessions.filter((s) => s.backendXid).length;
  return (
    <ConfirmDialog
      title={`${label}?`}
      confirmLabel={label}
      dismissLabel="Close"
      onConfirm={() => onConfirm(reason.trim())}
      onCancel={onCancel}
      busy={busy}
      error={error}
      tone={action === "terminate" ? "danger" : "default"}
    >
      <p className="text-zinc-200">
        Each of these sessions: {action === "cancel" ? CANCEL_EFFECT : TERMINATE_EFFECT}.
      </p>
      <p>
        pids: <span className="font-mono text-zinc-200">{sessions.map((s) => s.pid).join(", ")}</span>
      </p>
      {action === "terminate" && wrote > 0 && (
        <p className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1 font-medium text-rose-200">
          Warning: {wrote} of these {wrote === 1 ? "session has" : "sessions have"} written in {wrote === 1 ? "its" : "their"} transaction: those changes are lost.
        </p>
      )}
      <p>A session that changed since the preview (other pid owner, state or age) is skipped and reported.</p>
      <ReasonField value={reason} onChange={setReason} />
    </ConfirmDialog>
  );
}
