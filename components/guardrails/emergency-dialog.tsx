"use client";
import { useEffect, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { minutesOf } from "./guardrail-text";
import { PresetDiffTable } from "./preset-diff-table";
import { EMERGENCY_DEFAULTS, type ApplyOutcome, type PresetAnswer, type PresetValues } from "./types";

interface EmergencyDialogProps {
  targetId: string;
  defaultRole: string;
  defaultDatabase: string;
  onApplied: (o: ApplyOutcome) => void;
  onClose: () => void;
}

interface Inputs {
  role: string;
  database: string;
  values: PresetValues;
  expires: string;
}

const field = "mt-1 w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm text-zinc-200";
const keyOf = (i: Inputs) => JSON.stringify([i.role, i.database, i.values]);

/** Runbook 2.3 as one audited operation: edit the values, see the before/after diff (dry run), confirm. */
export function EmergencyDialog({ targetId, defaultRole, defaultDatabase, onApplied, onClose }: EmergencyDialogProps) {
  const [inputs, setInputs] = useState<Inputs>({ role: defaultRole, database: defaultDatabase, values: { ...EMERGENCY_DEFAULTS }, expires: "30" });
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<{ key: string; answer: PresetAnswer } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/targets/${encodeURIComponent(targetId)}/guardrails/preset`;
  const key = keyOf(inputs);
  const ready = inputs.role.trim() !== "" && inputs.database.trim() !== "";
  const fresh = preview !== null && preview.key === key;

  // The dry run follows the inputs (debounced); the confirmation is enabled only for the diff on screen.
  useEffect(() => {
    if (!ready) return;
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      apiFetch<PresetAnswer>(path, { method: "POST", body: { role: inputs.role, database: inputs.database, values: inputs.values, dryRun: true }, signal: ctrl.signal })
        .then((answer) => {
          setPreview({ key, answer });
          setError(null);
        })
        .catch((e: unknown) => {
          if (!ctrl.signal.aborted) setError(errorMessage(e));
        });
    }, 300);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
    // key captures role, database and values.
  }, [key, ready, path]);

  async function confirm() {
    if (!fresh) return;
    setBusy(true);
    setError(null);
    const minutes = minutesOf(inputs.expires);
    const body = { role: inputs.role, database: inputs.database, values: inputs.values, dryRun: false, ...(minutes !== undefined ? { expiresInMinutes: minutes } : {}), ...(reason.trim() ? { reason } : {}) };
    try {
      const r = await apiFetch<PresetAnswer>(path, { method: "POST", body });
      onApplied({ guardrailId: r.guardrails[0]?.id ?? "", role: inputs.role, database: inputs.database, sessionsBeforeChange: r.sessionsBeforeChange, note: r.note });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const set = (patch: Partial<Inputs>) => setInputs((i) => ({ ...i, ...patch }));
  const setValue = (k: keyof PresetValues, v: string) => setInputs((i) => ({ ...i, values: { ...i.values, [k]: v } }));
  return (
    <ConfirmDialog title="Emergency profile (runbook 2.3)" confirmLabel="Apply emergency profile" tone="default" busy={busy} confirmDisabled={!fresh} error={error} onCancel={onClose} onConfirm={confirm}>
      <div className="grid grid-cols-2 gap-2">
        <label className="block">
          <span className="text-xs">Role</span>
          <input data-autofocus required value={inputs.role} onChange={(e) => set({ role: e.target.value })} className={field} autoComplete="off" />
        </label>
        <label className="block">
          <span className="text-xs">Database</span>
          <input required value={inputs.database} onChange={(e) => set({ database: e.target.value })} className={field} autoComplete="off" />
        </label>
        {(Object.keys(EMERGENCY_DEFAULTS) as (keyof PresetValues)[]).map((k) => (
          <label key={k} className="block">
            <span className="font-mono text-xs">{k}</span>
            <input value={inputs.values[k]} onChange={(e) => setValue(k, e.target.value)} className={field} autoComplete="off" />
          </label>
        ))}
        <label className="block">
          <span className="text-xs">Expires in (minutes)</span>
          <input inputMode="numeric" value={inputs.expires} onChange={(e) => set({ expires: e.target.value })} placeholder="no expiry" className={field} autoComplete="off" />
        </label>
      </div>
      <label className="block">
        <span className="text-xs">Reason</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} className={field} />
      </label>
      {!ready ? (
        <p className="text-xs">Name the role and the database to see the diff.</p>
      ) : fresh ? (
        <PresetDiffTable diff={preview.answer.diff} />
      ) : (
        <p className="text-xs" aria-live="polite">Computing the diff…</p>
      )}
      <p className="text-xs">Applied as one audited operation; ALTER ROLE affects NEW sessions only.</p>
    </ConfirmDialog>
  );
}
