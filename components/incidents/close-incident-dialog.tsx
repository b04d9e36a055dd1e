"use client";
import { useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { MAX_SUMMARY, type IncidentView } from "@/lib/incidents";

/** A required summary; POST /api/incidents/:id/close. */
export function CloseIncidentDialog({ incident, onDone, onCancel }: { incident: IncidentView; onDone: () => void; onCancel: () => void }) {
  const [summary, setSummary] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/incidents/${encodeURIComponent(incident.id)}/close`, { method: "POST", body: { summary: summary.trim() } });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog title={`Close incident “${incident.title}”?`} confirmLabel="Close incident" tone="default" busy={busy} error={error} confirmDisabled={!summary.trim()} onConfirm={submit} onCancel={onCancel}>
      <p>The checklist and timeline stay as they are; steps and notes can no longer be added.</p>
      <label className="block space-y-1">
        <span className="text-zinc-300">Summary</span>
        <textarea
          data-autofocus
          required
          rows={4}
          maxLength={MAX_SUMMARY}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          className="w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-100"
        />
      </label>
    </ConfirmDialog>
  );
}
