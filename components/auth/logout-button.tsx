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
      className="min-h-11 rounded border border-zinc-700 px-3 text-sm text-zinc-300 md:min-h-0 md:px-2 md:py-0.5 md:text-xs hover:border-zinc-500 hover:text-zinc-100 disabled:opacity-60"
    >
      Log out
    </button>
  );
}
