"use client";
import { useState } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { Panel } from "@/components/ui/panel";
import { AddUserForm } from "./add-user-form";
import type { UserRow } from "./types";
import { useApiResource } from "./use-api-resource";
import { UserActionDialog } from "./user-action-dialog";
import { UsersTable, type UserAction } from "./users-table";

type Pending = Exclude<UserAction, { kind: "enable" }>;

function doneMessage(a: UserAction): string {
  const name = a.user.username;
  if (a.kind === "role") return `${name} is now ${a.role}.`;
  if (a.kind === "password") return `The password of ${name} was reset.`;
  return `${name} is ${a.kind === "disable" ? "disabled" : "enabled"}.`;
}

/** Users: list, add, change role, disable / enable, reset password (admin only; the API checks users.admin). */
export function UsersPanel() {
  const me = useCurrentUser()?.username ?? null;
  const { data, error: loadError, loading, reload } = useApiResource<{ users: UserRow[] }>("/api/users");
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  async function patch(action: UserAction, password?: string): Promise<void> {
    const name = action.user.username;
    const body = action.kind === "role" ? { role: action.role } : action.kind === "password" ? { password } : { disabled: action.kind === "disable" };
    await apiFetch<{ user: UserRow }>(`/api/users/${encodeURIComponent(name)}`, { method: "PATCH", body });
    // Changes to one's own account can end this session or this page's access.
    if (name === me && (action.kind === "disable" || action.kind === "password")) window.location.assign("/login");
    else if (name === me && action.kind === "role" && action.role !== "admin") window.location.assign("/");
    setStatus(doneMessage(action));
    reload();
  }

  function onAction(action: UserAction) {
    setError(null);
    setStatus("");
    if (action.kind !== "enable") {
      setDialogError(null);
      setPending(action);
      return;
    }
    setBusy(true);
    patch(action)
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  }

  async function onConfirm(password?: string) {
    if (!pending) return;
    setBusy(true);
    setDialogError(null);
    try {
      await patch(pending, password);
      setPending(null);
    } catch (e) {
      setDialogError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title="Users">
      <div className="space-y-4">
        <AddUserForm
          onAdded={(u) => {
            setStatus(`Added ${u.username} (${u.role}).`);
            reload();
          }}
        />
        {loadError && (
          <p role="alert" className="text-rose-300">
            {`Could not load the users: ${loadError}`}
          </p>
        )}
        {error && (
          <p role="alert" className="text-rose-300">
            {error}
          </p>
        )}
        <p role="status" className="min-h-5 text-emerald-300">
          {status}
        </p>
        {data ? <UsersTable users={data.users} me={me} onAction={onAction} /> : loading && <p className="text-zinc-400">Loading users…</p>}
      </div>
      {pending && (
        <UserActionDialog
          key={`${pending.kind}:${pending.user.id}`}
          action={pending}
          self={pending.user.username === me}
          busy={busy}
          error={dialogError}
          onConfirm={onConfirm}
          onCancel={() => setPending(null)}
        />
      )}
    </Panel>
  );
}
