"use client";
import { useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { MAX_TITLE } from "@/lib/incidents";
import { severities, type Severity } from "@/lib/runbook";

const fieldClass = "w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-100";

/** Title and severity; POST /api/targets/:id/incidents. A 409 (someone opened one meanwhile) is shown in the dialog. */
export function OpenIncidentDialog({ targetId, onDone, onCancel }: { targetId: string; onDone: () => void; onCancel: () => void }) {
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("sev2");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/targets/${encodeURIComponent(targetId)}/incidents`, { method: "POST", body: { title: title.trim(), severity } });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog title="Open an incident" confirmLabel="Open incident" tone="default" busy={busy} error={error} confirmDisabled={!title.trim()} onConfirm={submit} onCancel={onCancel}>
      <p>Everything done on this target while it is open belongs to the incident.</p>
      <label className="block space-y-1">
        <span className="text-zinc-300">Title</span>
        <input data-autofocus required maxLength={MAX_TITLE} value={title} onChange={(e) => setTitle(e.target.value)} className={fieldClass} />
      </label>
      <label className="block space-y-1">
        <span className="text-zinc-300">Severity</span>
        <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} className={fieldClass}>
          {severities.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </ConfirmDialog>
  );
}
