import Link from "next/link";
import { can } from "@/lib/permissions";
import type { SessionUser } from "./current-user";
import { LogoutButton } from "./logout-button";

const link = "text-xs text-zinc-400 hover:text-sky-300";

/** Header right side: "alice · operator", the pages the user may open, and Log out. */
export function UserMenu({ user }: { user: SessionUser }) {
  return (
    <nav aria-label="Account" className="ml-auto flex items-baseline gap-4">
      {can(user.role, "audit.read") && (
        <Link href="/audit" className={link}>
          Audit
        </Link>
      )}
      {can(user.role, "tokens.self") && (
        <Link href="/tokens" className={link}>
          API tokens
        </Link>
      )}
      {can(user.role, "users.admin") && (
        <Link href="/admin" className={link}>
          Admin
        </Link>
      )}
      <span className="text-xs text-zinc-300" title={`Logged in as ${user.username} with the ${user.role} role`}>
        {`${user.username} · ${user.role}`}
      </span>
      <LogoutButton />
    </nav>
  );
}
