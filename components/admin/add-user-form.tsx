"use client";
import { useId, useState, type FormEvent } from "react";
import { roles } from "@/lib/permissions";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import type { UserRow } from "./types";

export const fieldClass = "rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-200 placeholder:text-zinc-400";
export const buttonClass = "rounded border border-zinc-700 px-2 py-1 text-zinc-200 hover:border-zinc-500 disabled:cursor-not-allowed disabled:opacity-70";

/** POST /api/users { username, password, role }. */
export function AddUserForm({ onAdded }: { onAdded: (user: UserRow) => void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const { user } = await apiFetch<{ user: UserRow }>("/api/users", {
        method: "POST",
        body: { username: String(data.get("username") ?? ""), password: String(data.get("password") ?? ""), role: String(data.get("role") ?? "viewer") },
      });
      form.reset();
      onAdded(user);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form aria-label="Add user" onSubmit={onSubmit} noValidate className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-u`} className="text-xs text-zinc-400">
            New username
          </label>
          <input id={`${id}-u`} name="username" required autoComplete="off" autoCapitalize="none" spellCheck={false} className={`${fieldClass} w-44`} />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-p`} className="text-xs text-zinc-400">
            New password
          </label>
          <input id={`${id}-p`} name="password" type="password" required minLength={8} autoComplete="new-password" className={`${fieldClass} w-44`} />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-r`} className="text-xs text-zinc-400">
            Role
          </label>
          <select id={`${id}-r`} name="role" defaultValue="viewer" className={fieldClass}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} className={buttonClass}>
          Add user
        </button>
      </div>
      <p className="text-xs text-zinc-400">At least 8 characters. Usernames: letters, digits, “.”, “_” or “-”.</p>
      {error && (
        <p role="alert" className="text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
