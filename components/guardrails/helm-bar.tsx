"use client";
import { useState } from "react";
import { GuardedButton } from "@/components/auth/guarded-button";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeAge } from "@/components/ui/relative-age";
import { holdsHelm } from "./guardrail-text";
import type { HelmState } from "./types";
import { buttonClass } from "./write-button";

interface HelmBarProps {
  targetId: string;
  helm: HelmState | null;
  username: string | null;
  onChanged: () => void;
}

/** Runbook step 0.3: one operator at a time changes parameters; everyone sees who. */
export function HelmBar({ targetId, helm, username, onChanged }: HelmBarProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const path = `/api/targets/${encodeURIComponent(targetId)}/helm`;
  const mine = holdsHelm(helm, username);

  async function call(method: "POST" | "DELETE", body?: unknown, inDialog = false) {
    setBusy(true);
    setError(null);
    setDialogError(null);
    try {
      await apiFetch(path, { method, body });
      setConfirming(null);
      setReason("");
      onChanged();
    } catch (e) {
      (inDialog ? setDialogError : setError)(errorMessage(e));
      onChanged();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3 rounded border border-zinc-800 bg-zinc-950/40 px-3 py-2 text-sm">
      <span aria-hidden="true" className="text-zinc-400">⎈</span>
      <p className="text-zinc-300" aria-live="polite">
        {helm ? (
          <>
            <span className="font-medium text-zinc-100">{mine ? "You" : helm.holder}</span> {mine ? "hold" : "holds"} the helm since <RelativeAge iso={helm.since} />
          </>
        ) : (
          "Nobody holds the helm"
        )}
      </p>
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {!helm && (
          <GuardedButton permission="helm.take" type="button" disabled={busy} onClick={() => call("POST", {})} className={buttonClass}>
            Take the helm
          </GuardedButton>
        )}
        {mine && (
          <GuardedButton permission="helm.take" type="button" disabled={busy} onClick={() => call("DELETE")} className={buttonClass}>
            Release the helm
          </GuardedButton>
        )}
        {helm && !mine && (
          <GuardedButton permission="helm.take" type="button" disabled={busy} onClick={() => setConfirming(helm.holder)} className={buttonClass}>
            Take the helm from {helm.holder}
          </GuardedButton>
        )}
      </div>
      {error && (
        <p role="alert" className="w-full text-xs text-rose-300">
          {error}
        </p>
      )}
      {confirming !== null && (
        <ConfirmDialog
          title={`Take the helm from ${confirming}?`}
          confirmLabel={`Take the helm from ${confirming}`}
          tone="default"
          busy={busy}
          error={dialogError}
          onCancel={() => {
            setConfirming(null);
            setDialogError(null);
          }}
          onConfirm={() => call("POST", { force: true, ...(reason.trim() ? { reason } : {}) }, true)}
        >
          <p>
            {confirming} holds the helm for parameter changes. Taking it from them is an explicit action recorded in the audit trail with your name; they can no
            longer apply or revert guardrails until they take it back.
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
