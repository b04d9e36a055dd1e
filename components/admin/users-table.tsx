"use client";
import { roles } from "@/lib/permissions";
import { RelativeAge } from "@/components/ui/relative-age";
import { buttonClass, fieldClass } from "./add-user-form";
import type { UserRow } from "./types";
import { ScrollX } from "@/components/ui/scroll-x";

/** What the admin asked for; the panel confirms it in a dialog (enabling needs no confirmation). */
export type UserAction =
  | { kind: "role"; user: UserRow; role: string }
  | { kind: "disable"; user: UserRow }
  | { kind: "enable"; user: UserRow }
  | { kind: "password"; user: UserRow };

interface UsersTableProps {
  users: UserRow[];
  me: string | null;
  onAction: (action: UserAction) => void;
}

const th = "py-1.5 pr-4 font-medium";

export function UsersTable({ users, me, onAction }: UsersTableProps) {
  if (users.length === 0) return <p className="text-zinc-400">No users.</p>;
  return (
    <ScrollX>
      <table className="w-full text-left">
        <thead className="text-xs text-zinc-400">
          <tr className="border-b border-zinc-800">
            <th scope="col" className={th}>Username</th>
            <th scope="col" className={th}>Role</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Last login</th>
            <th scope="col" className={th}>Created</th>
            <th scope="col" className="py-1.5 font-medium">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-username={u.username} className="border-b border-zinc-800/60 align-middle">
              <th scope="row" className="py-1.5 pr-4 font-medium text-zinc-100">
                {u.username}
                {u.username === me && <span className="ml-2 text-xs font-normal text-zinc-400">(you)</span>}
              </th>
              <td className="py-1.5 pr-4">
                <select
                  aria-label={`Role of ${u.username}`}
                  value={u.role}
                  onChange={(e) => onAction({ kind: "role", user: u, role: e.target.value })}
                  className={fieldClass}
                >
                  {(roles as readonly string[]).includes(u.role) ? null : <option value={u.role}>{u.role}</option>}
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td className={`py-1.5 pr-4 ${u.disabled ? "text-rose-300" : "text-emerald-300"}`}>{u.disabled ? "disabled" : "active"}</td>
              <td className="py-1.5 pr-4 text-zinc-400">
                <RelativeAge iso={u.lastLoginAt} />
              </td>
              <td className="py-1.5 pr-4 text-zinc-400">
                <RelativeAge iso={u.createdAt} />
              </td>
              <td className="py-1.5">
                <div className="flex gap-2">
                <button
                  type="button"
                  aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.username}`}
                  onClick={() => onAction({ kind: u.disabled ? "enable" : "disable", user: u })}
                  className={buttonClass}
                >
                  {u.disabled ? "Enable" : "Disable"}
                </button>
                <button type="button" aria-label={`Reset password of ${u.username}`} onClick={() => onAction({ kind: "password", user: u })} className={buttonClass}>
                  Reset password
                </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
