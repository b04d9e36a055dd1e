"use client";
import { useId, useState, type FormEvent } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { safeNextPath } from "./next-path";

const input = "w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-zinc-100 placeholder:text-zinc-400";

/** Username + password → POST /api/auth/login, then a full navigation so the server renders with the new cookie. */
export function LoginForm({ next }: { next: string }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/auth/login", {
        method: "POST",
        body: { username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") },
      });
      window.location.assign(safeNextPath(next));
      // Stay busy: the page is about to be replaced.
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form aria-label="Log in" className="space-y-3" onSubmit={onSubmit} noValidate>
      <div className="space-y-1">
        <label htmlFor={`${id}-username`} className="block text-xs text-zinc-400">
          Username
        </label>
        <input
          id={`${id}-username`}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          className={input}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-password`} className="block text-xs text-zinc-400">
          Password
        </label>
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required className={input} />
      </div>
      {error && (
        <p role="alert" className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-rose-200">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        aria-busy={busy}
        className="w-full rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-600 disabled:cursor-wait disabled:opacity-60"
      >
        Log in
      </button>
    </form>
  );
}
