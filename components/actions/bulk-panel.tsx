"use client";
import { useId, useState } from "react";
import { GuardedButton } from "@/components/auth/guarded-button";
import { ApiError, apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { BulkConfirmDialog } from "./bulk-confirm-dialog";
import { BulkFilterForm } from "./bulk-filter-form";
import { BULK_PRESETS, bulkConfirmLabel, emptyBulkForm, outcomeSummary, previewedList, toBulkFilter, type BulkForm, type BulkOutcome, type BulkPreview } from "./bulk-filter";
import { BulkPreviewTable } from "./bulk-preview-table";

const button = "rounded border px-2.5 py-1 text-xs font-medium";

/** Runbook 2.2 at scale: filter → dry-run preview of exactly which sessions → confirm that list → per-session outcomes. */
export function BulkPanel({ targetId }: { targetId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<BulkForm>(emptyBulkForm);
  // The preview remembers the form it was made with: the confirmation acts on that, never on later edits.
  const [preview, setPreview] = useState<{ form: BulkForm; data: BulkPreview } | null>(null);
  const [outcomes, setOutcomes] = useState<Map<number, BulkOutcome> | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const path = `/api/targets/${encodeURIComponent(targetId)}/sessions/bulk`;
  const built = toBulkFilter(form);

  const edit = (next: BulkForm) => {
    setForm(next);
    setPreview(null);
    setOutcomes(null);
    setError(null);
  };

  async function runPreview() {
    if (!built.filter) return;
    setBusy(true);
    setError(null);
    setOutcomes(null);
    setSummary(null);
    try {
      const data = await apiFetch<BulkPreview>(path, { method: "POST", body: { action: form.action, filter: built.filter, dryRun: true } });
      setPreview({ form, data });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(reason: string) {
    if (!preview) return;
    const filter = toBulkFilter(preview.form).filter;
    setBusy(true);
    setDialogError(null);
    try {
      const sessions = previewedList(preview.data.sessions);
      const body = { action: preview.form.action, filter, dryRun: false, sessions, ...(reason ? { reason } : {}) };
      const res = await apiFetch<{ ok: true; results: BulkOutcome[] }>(path, { method: "POST", body });
      setOutcomes(new Map(res.results.map((r) => [r.pid, r])));
      setSummary(`${bulkConfirmLabel(preview.form.action, sessions.length)}: ${outcomeSummary(res.results)}`);
      setConfirming(false);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 400 || e.status === 0) setDialogError(errorMessage(e));
      else {
        setError(`Refused: ${e.message}`);
        setConfirming(false);
      }
    } finally {
      setBusy(false);
    }
  }

  const count = preview?.data.sessions.length ?? 0;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-md border border-zinc-800 bg-zinc-900/50">
      <h2 id={`${id}-title`} className="px-3 py-2 text-xs font-semibold uppercase tracking-wider text-zinc-400">
        <button type="button" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)} className="flex items-center gap-2 hover:text-zinc-200">
          <span aria-hidden>{open ? "▾" : "▸"}</span>
          Bulk containment
        </button>
      </h2>
      {open && (
        <div id={`${id}-body`} className="space-y-3 border-t border-zinc-800 p-3">
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <span className="text-zinc-400">Presets:</span>
            {BULK_PRESETS.map((p) => (
              <button key={p.label} type="button" onClick={() => edit(p.form)} className={`${button} border-zinc-700 text-zinc-300 hover:bg-zinc-800`}>
                {p.label}
              </button>
            ))}
            <span className="text-zinc-400">Runbook 2.2: prefer report/analytic sessions over OLTP; narrow by application or user.</span>
          </div>
          <form onSubmit={(e) => (e.preventDefault(), void runPreview())} className="space-y-2">
            <BulkFilterForm form={form} onChange={edit} />
            <div className="flex flex-wrap items-center gap-3">
              <GuardedButton permission="sessions.bulk" type="submit" disabled={busy || !built.filter} className={`${button} border-sky-700 text-sky-200 enabled:hover:bg-sky-950`}>
                Preview
              </GuardedButton>
              {built.error && <span className="text-xs text-zinc-400">{built.error}</span>}
            </div>
          </form>
          {error && (
            <p role="alert" className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-rose-200">
              {error}
            </p>
          )}
          {preview && (
            <div className="space-y-2">
              <div className="flex flex-wrap items-center gap-3">
                <h3 className="text-xs font-medium text-zinc-300">
                  Preview: {count} {count === 1 ? "session" : "sessions"} would be {preview.form.action === "cancel" ? "cancelled" : "terminated"}
                </h3>
                {count > 0 && !outcomes && (
                  <GuardedButton
                    permission="sessions.bulk"
                    type="button"
                    disabled={busy}
                    onClick={() => (setDialogError(null), setConfirming(true))}
                    className={`${button} ${preview.form.action === "terminate" ? "border-rose-700 text-rose-200 enabled:hover:bg-rose-950" : "border-sky-700 text-sky-200 enabled:hover:bg-sky-950"}`}
                  >
                    Apply to {count === 1 ? "this session" : `these ${count} sessions`}…
                  </GuardedButton>
                )}
              </div>
              <BulkPreviewTable action={preview.form.action} preview={preview.data} outcomes={outcomes} />
            </div>
          )}
          <p role="status" className="text-sm text-zinc-200">
            {summary}
          </p>
        </div>
      )}
      {confirming && preview && (
        <BulkConfirmDialog action={preview.form.action} sessions={preview.data.sessions} busy={busy} error={dialogError} onConfirm={confirm} onCancel={() => setConfirming(false)} />
      )}
    </section>
  );
}
