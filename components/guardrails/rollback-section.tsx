"use client";
import { useState } from "react";
import { ApiError, apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ConflictDialog } from "./conflict-dialog";
import { conflictOfRow, conflictsOf, failuresOf } from "./guardrail-text";
import { RollbackTable } from "./rollback-table";
import type { ActiveGuardrail, RevertConflict } from "./types";
import { buttonClass, WriteButton } from "./write-button";

type RevertAllAnswer = { ok: boolean; results: Parameters<typeof conflictsOf>[0] };

/** Revert one / revert all; a conflict (changed outside) is shown with both values and asked before forcing. */
export function RollbackSection({ targetId, guardrails, blocked, onChanged }: { targetId: string; guardrails: ActiveGuardrail[]; blocked: string | null; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [conflicts, setConflicts] = useState<RevertConflict[] | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const base = `/api/targets/${encodeURIComponent(targetId)}/guardrails`;
  const revert = (id: string, force = false) => apiFetch(`${base}/${encodeURIComponent(id)}/revert`, { method: "POST", body: force ? { force: true } : {} });

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  const revertOne = (g: ActiveGuardrail) =>
    run(async () => {
      try {
        await revert(g.id);
        setNotice(`Reverted ${g.setting} for ${g.role}.`);
      } catch (e) {
        if (e instanceof ApiError && e.code === "conflict") setConflicts([conflictOfRow(g)]);
        else throw e;
      }
    });

  const revertAll = () =>
    run(async () => {
      setConfirmAll(false);
      const r = await apiFetch<RevertAllAnswer>(`${base}/all/revert`, { method: "POST", body: {} });
      const found = conflictsOf(r.results, guardrails);
      const failures = failuresOf(r.results);
      const done = r.results.filter((x) => x.ok).length;
      setNotice(`Reverted ${done} of ${r.results.length} guardrail${r.results.length === 1 ? "" : "s"}.`);
      if (failures.length) setError(failures.join(" · "));
      if (found.length) setConflicts(found);
    });

  async function overwrite() {
    if (!conflicts) return;
    setBusy(true);
    setDialogError(null);
    try {
      for (const c of conflicts) await revert(c.id, true);
      setConflicts(null);
      setNotice(`Overwrote ${conflicts.length} changed value${conflicts.length === 1 ? "" : "s"} with the prior value.`);
    } catch (e) {
      setDialogError(errorMessage(e));
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-medium text-zinc-200">Active guardrails</h3>
        {guardrails.length > 0 && (
          <div className="ml-auto">
            <WriteButton blocked={blocked} disabled={busy} onClick={() => setConfirmAll(true)} className={buttonClass}>
              Revert all
            </WriteButton>
          </div>
        )}
      </div>
      <RollbackTable guardrails={guardrails} blocked={blocked} busy={busy} onRevert={revertOne} />
      {notice && <p role="status" className="text-xs text-zinc-400">{notice}</p>}
      {error && (
        <p role="alert" className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-sm text-rose-200">
          {error}
        </p>
      )}
      {confirmAll && (
        <ConfirmDialog title={`Revert all ${guardrails.length} active guardrails?`} confirmLabel="Revert all" tone="default" onConfirm={revertAll} onCancel={() => setConfirmAll(false)}>
          <p>Each setting goes back to its prior value, or is RESET where there was none (the runbook&apos;s backout plan). Values changed outside pg-triage are not overwritten without asking.</p>
        </ConfirmDialog>
      )}
      {conflicts && (
        <ConflictDialog
          conflicts={conflicts}
          busy={busy}
          error={dialogError}
          onOverwrite={overwrite}
          onCancel={() => {
            setConflicts(null);
            setDialogError(null);
          }}
        />
      )}
    </div>
  );
}
