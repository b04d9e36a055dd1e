"use client";
import { useId, useState, type FormEvent } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { buttonClass, fieldClass } from "./add-user-form";
import type { TokenRow } from "./types";

export interface CreatedToken {
  token: string;
  summary: TokenRow;
}

/** POST /api/tokens { name }: a token for the logged-in user, acting with their role. */
export function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const created = await apiFetch<CreatedToken>("/api/tokens", { method: "POST", body: { name: String(new FormData(form).get("name") ?? "") } });
      form.reset();
      onCreated(created);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form aria-label="Create token" onSubmit={onSubmit} noValidate className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-name`} className="text-xs text-zinc-400">
            Token name
          </label>
          <input id={`${id}-name`} name="name" required maxLength={100} autoComplete="off" placeholder="e.g. grafana alerting" className={`${fieldClass} w-64`} />
        </div>
        <button type="submit" disabled={busy} className={buttonClass}>
          Create token
        </button>
      </div>
      <p className="text-xs text-zinc-400">The token acts as you, with your current role, until it is revoked.</p>
      {error && (
        <p role="alert" className="text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
