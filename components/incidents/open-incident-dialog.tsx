"use client";
import { useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ADOPT_DEFAULT_MS, ADOPT_MAX_MS, MAX_TITLE } from "@/lib/incidents";
import { localInputValue, zoneLabel } from "@/lib/time-zone";
import { severities, type Severity } from "@/lib/runbook";

const fieldClass = "w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-100";

/** Title, severity and (default on) the earlier start it adopts; POST /api/targets/:id/incidents. A 409 or a 400 is shown in the dialog. */
export function OpenIncidentDialog({ targetId, onDone, onCancel }: { targetId: string; onDone: () => void; onCancel: () => void }) {
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("sev2");
  const [adopt, setAdopt] = useState(true);
  const [since, setSince] = useState(() => localInputValue(Date.now() - ADOPT_DEFAULT_MS));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sinceMs = new Date(since).getTime();

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const body = { title: title.trim(), severity, ...(adopt ? { adoptSince: new Date(sinceMs).toISOString() } : {}) };
      await apiFetch(`/api/targets/${encodeURIComponent(targetId)}/incidents`, { method: "POST", body });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog title="Open an incident" confirmLabel="Open incident" tone="default" busy={busy} error={error} confirmDisabled={!title.trim() || (adopt && Number.isNaN(sinceMs))} onConfirm={submit} onCancel={onCancel}>
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
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={adopt} onChange={(e) => setAdopt(e.target.checked)} className="mt-1" />
        <span className="text-zinc-300">Adopt what already happened: the actions, alerts and OOM kills on this target since the start time below become part of the incident</span>
      </label>
      {adopt && (
        <label className="block space-y-1">
          <span className="text-zinc-300">Incident started at ({zoneLabel(Date.now())})</span>
          <input
            type="datetime-local"
            step={1}
            value={since}
            min={localInputValue(Date.now() - ADOPT_MAX_MS)}
            max={localInputValue(Date.now())}
            onChange={(e) => setSince(e.target.value)}
            className={fieldClass}
          />
          <span className="block text-xs text-zinc-400">At most 24 hours back, not in the future.</span>
        </label>
      )}
    </ConfirmDialog>
  );
}
