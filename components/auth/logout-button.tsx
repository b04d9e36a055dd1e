"use client";
import { useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch";

/** POST /api/auth/logout, then a full navigation to /login (also when the session had already ended). */
export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  async function logout() {
    setBusy(true);
    try {
      await apiFetch("/api/auth/logout", { method: "POST", body: {} });
    } catch {
      // Expired or revoked already: the login page is still the right place to go.
    }
    window.location.assign("/login");
  }
  return (
    <button
      type="button"
      onClick={logout}
      disabled={busy}
      className="rounded border border-zinc-700 px-2 py-0.5 text-xs text-zinc-300 hover:border-zinc-500 hover:text-zinc-100 disabled:opacity-60"
    >
      Log out
    </button>
  );
}
