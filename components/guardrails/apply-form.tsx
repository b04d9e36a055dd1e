"use client";
import { useId, useState } from "react";
import { ApiError, apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { minutesOf } from "./guardrail-text";
import { GUARDRAIL_SETTINGS, type ApplyOutcome, type PreChange } from "./types";
import { primaryClass, WriteButton } from "./write-button";

interface ApplyAnswer {
  ok: true;
  guardrail: { id: string; prior: string | null; value: string; expiresAt: string | null };
  sessionsBeforeChange: PreChange;
  note?: string;
}

interface ApplyFormProps {
  targetId: string;
  roles: string[];
  blocked: string | null;
  onApplied: (o: ApplyOutcome) => void;
}

const field = "mt-1 w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm text-zinc-200";
const labelText = "text-xs text-zinc-400";

/** Item 2: one guardrail at one scope. The server validates the value per setting and names the problem. */
export function ApplyForm({ targetId, roles, blocked, onApplied }: ApplyFormProps) {
  const id = useId();
  const [role, setRole] = useState("");
  const [database, setDatabase] = useState("");
  const [setting, setSetting] = useState<string>("statement_timeout");
  const [value, setValue] = useState("");
  const [expires, setExpires] = useState("30");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The server refused a raise above the value in force: its message, until confirmed or dropped. */
  const [raise, setRaise] = useState<string | null>(null);

  async function submit(confirmRaise = false) {
    setBusy(true);
    setError(null);
    const minutes = minutesOf(expires);
    const body = {
      role,
      ...(database.trim() ? { database } : {}),
      setting,
      value,
      ...(confirmRaise ? { confirmRaise: true } : {}),
      ...(minutes !== undefined ? { expiresInMinutes: minutes } : {}),
      ...(reason.trim() ? { reason } : {}),
    };
    try {
      const r = await apiFetch<ApplyAnswer>(`/api/targets/${encodeURIComponent(targetId)}/guardrails`, { method: "POST", body });
      onApplied({ guardrailId: r.guardrail.id, role, database: database.trim() ? database : null, sessionsBeforeChange: r.sessionsBeforeChange, note: r.note });
      setValue("");
      setRaise(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === "raise_not_confirmed" && !confirmRaise) setRaise(e.message);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form
        aria-label="Apply a guardrail"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && !blocked) void submit();
        }}
        className="space-y-2"
      >
        <div className="grid gap-2 sm:grid-cols-3">
          <label className="block">
            <span className={labelText}>Role</span>
            <input required list={`${id}-roles`} value={role} onChange={(e) => setRole(e.target.value)} className={field} autoComplete="off" />
            <datalist id={`${id}-roles`}>
              {roles.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </label>
          <label className="block">
            <span className={labelText}>Database (optional)</span>
            <input value={database} onChange={(e) => setDatabase(e.target.value)} className={field} autoComplete="off" />
          </label>
          <label className="block">
            <span className={labelText}>Setting</span>
            <select value={setting} onChange={(e) => setSetting(e.target.value)} className={field}>
              {GUARDRAIL_SETTINGS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className={labelText}>Value</span>
            <input required value={value} onChange={(e) => setValue(e.target.value)} placeholder="e.g. 60s, 16MB; connection_limit: 20" className={field} autoComplete="off" />
          </label>
          <label className="block">
            <span className={labelText}>Expires in (minutes)</span>
            <input inputMode="numeric" value={expires} onChange={(e) => setExpires(e.target.value)} placeholder="no expiry" className={field} autoComplete="off" />
          </label>
          <label className="block">
            <span className={labelText}>Reason</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} className={field} />
          </label>
        </div>
        <p className="text-xs text-zinc-400">ALTER ROLE … SET affects NEW sessions only: sessions already connected keep their old values until they reconnect.</p>
        {error && (
          <p role="alert" className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-sm text-rose-200">
            {error}
          </p>
        )}
        <WriteButton type="submit" blocked={blocked} disabled={busy} aria-busy={busy} className={primaryClass}>
          Apply guardrail
        </WriteButton>
      </form>
      {raise && (
        <ConfirmDialog title={`Raise ${setting} during a memory incident?`} confirmLabel={`Raise ${setting} to ${value.trim()}`} busy={busy} error={error} onConfirm={() => void submit(true)} onCancel={() => setRaise(null)} dismissLabel="Keep the value in force">
          <p>{raise.replace(/ Send confirmRaise: true to raise it anyway\.$/, "")}</p>
          <p>Raising a memory setting (or the connection limit) lets PostgreSQL use more memory while it is short of it. Lower values are applied without this question.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
