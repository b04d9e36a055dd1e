"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { can } from "@/lib/permissions";
import type { SessionUser } from "./current-user";
import { LogoutButton } from "./logout-button";

// Below md the links fold behind a "Menu" disclosure (a phone must not pan sideways); each is a 44 px tap target there.
const link = "flex min-h-11 items-center text-sm text-zinc-300 hover:text-sky-300 md:inline md:min-h-0 md:text-xs";

/** Header right side: the pages the user may open, "alice · operator", and Log out. */
export function UserMenu({ user }: { user: SessionUser }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="header-menu"
        onClick={() => setOpen((o) => !o)}
        className="ml-auto min-h-11 rounded border border-zinc-700 px-3 text-zinc-200 hover:border-zinc-500 md:hidden"
      >
        Menu
      </button>
      <nav
        id="header-menu"
        aria-label="Account"
        className={`${open ? "flex" : "hidden"} w-full flex-col border-t border-zinc-800 pt-1 md:ml-auto md:flex md:w-auto md:flex-row md:items-baseline md:gap-4 md:border-0 md:pt-0`}
      >
        {can(user.role, "incidents.read") && (
          <Link href="/incidents" className={link}>
            Incidents
          </Link>
        )}
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
        <span className="flex min-h-11 items-center text-xs text-zinc-300 md:inline md:min-h-0" title={`Logged in as ${user.username} with the ${user.role} role`}>
          {`${user.username} · ${user.role}`}
        </span>
        <div className="py-1 md:py-0">
          <LogoutButton />
        </div>
      </nav>
    </>
  );
}
