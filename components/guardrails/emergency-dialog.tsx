"use client";
import { useEffect, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { minutesOf, raisesText } from "./guardrail-text";
import { PresetDiffTable } from "./preset-diff-table";
import { EMERGENCY_CAPS, EMPTY_PRESET_VALUES, type ApplyOutcome, type PresetAnswer, type PresetValues } from "./types";

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
/** Only typed values go to the server; an empty field is computed there from the value in force. */
const typedValues = (v: PresetValues) => Object.fromEntries(Object.entries(v).filter(([, x]) => x.trim() !== ""));

/** Runbook 2.3 as one audited operation: values computed from what is in force (never a raise) or typed, the diff (dry run), confirm; a raise needs its own tick. */
export function EmergencyDialog({ targetId, defaultRole, defaultDatabase, onApplied, onClose }: EmergencyDialogProps) {
  const [inputs, setInputs] = useState<Inputs>({ role: defaultRole, database: defaultDatabase, values: { ...EMPTY_PRESET_VALUES }, expires: "30" });
  const [reason, setReason] = useState("");
  const [raiseConfirmed, setRaiseConfirmed] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; answer: PresetAnswer } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/targets/${encodeURIComponent(targetId)}/guardrails/preset`;
  const key = keyOf(inputs);
  const ready = inputs.role.trim() !== "" && inputs.database.trim() !== "";
  const fresh = preview !== null && preview.key === key;
  const raises = fresh && preview.answer.needsConfirmation ? raisesText(preview.answer.diff) : "";
  // The tick is for the raise on screen: a different diff needs a new one.
  const raiseOk = raises === "" || raiseConfirmed === key;

  // The dry run follows the inputs (debounced); the confirmation is enabled only for the diff on screen.
  useEffect(() => {
    if (!ready) return;
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      apiFetch<PresetAnswer>(path, { method: "POST", body: { role: inputs.role, database: inputs.database, values: typedValues(inputs.values), dryRun: true }, signal: ctrl.signal })
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
    if (!fresh || !raiseOk) return;
    setBusy(true);
    setError(null);
    const minutes = minutesOf(inputs.expires);
    const body = {
      role: inputs.role,
      database: inputs.database,
      values: typedValues(inputs.values),
      dryRun: false,
      ...(raises ? { confirmRaise: true } : {}),
      ...(minutes !== undefined ? { expiresInMinutes: minutes } : {}),
      ...(reason.trim() ? { reason } : {}),
    };
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
    <ConfirmDialog
      title="Emergency profile (runbook 2.3)"
      confirmLabel={raises ? "Apply emergency profile and raise" : "Apply emergency profile"}
      tone={raises ? "danger" : "default"}
      busy={busy}
      confirmDisabled={!fresh || !raiseOk}
      error={error}
      onCancel={onClose}
      onConfirm={confirm}
    >
      <div className="grid grid-cols-2 gap-2">
        <label className="block">
          <span className="text-xs">Role</span>
          <input data-autofocus required value={inputs.role} onChange={(e) => set({ role: e.target.value })} className={field} autoComplete="off" />
        </label>
        <label className="block">
          <span className="text-xs">Database</span>
          <input required value={inputs.database} onChange={(e) => set({ database: e.target.value })} className={field} autoComplete="off" />
        </label>
        {(Object.keys(EMERGENCY_CAPS) as (keyof PresetValues)[]).map((k) => (
          <label key={k} className="block">
            <span className="font-mono text-xs">{k}</span>
            <input value={inputs.values[k]} onChange={(e) => setValue(k, e.target.value)} placeholder={`computed (≤ ${EMERGENCY_CAPS[k]}, never a raise)`} className={field} autoComplete="off" />
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
      {raises && (
        <label className="flex items-start gap-2 rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-sm text-rose-200">
          <input type="checkbox" checked={raiseConfirmed === key} onChange={(e) => setRaiseConfirmed(e.target.checked ? key : null)} className="mt-1" />
          <span>Raise above the value in force during a memory incident: {raises}</span>
        </label>
      )}
      <p className="text-xs">Empty fields are computed from the value in force for that role and database (work_mem: half of it, at most 16MB, at least 1MB; timeouts: the runbook&apos;s cap unless stricter is in force), so the profile never raises anything. Applied as one audited operation; ALTER ROLE affects NEW sessions only.</p>
    </ConfirmDialog>
  );
}
