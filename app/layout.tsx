import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentPageUser } from "@/lib/server/http/page-auth";
import { CurrentUserProvider, type SessionUser } from "@/components/auth/current-user";
import { UserMenu } from "@/components/auth/user-menu";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "pg-triage", template: "%s · pg-triage" },
  description: "Live incident console for PostgreSQL memory-pressure and OOM incidents",
};

export const viewport: Viewport = { colorScheme: "dark", themeColor: "#09090b" };

// The layout does not require a login (the login page uses it): pages do. It only shows who is logged in.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const pageUser = await currentPageUser();
  const user: SessionUser | null = pageUser ? { username: pageUser.username, role: pageUser.role } : null;
  return (
    <html lang="en">
      <body className="min-h-screen text-sm">
        <header className="flex flex-wrap items-center gap-x-3 border-b border-zinc-800 px-4 py-2 md:items-baseline">
          <Link href="/" className="font-semibold tracking-tight text-zinc-100 hover:text-sky-300">
            pg-triage
          </Link>
          <span className="hidden text-xs text-zinc-400 md:inline">PostgreSQL memory-pressure console</span>
          {user && <UserMenu user={user} />}
        </header>
        <CurrentUserProvider user={user}>
          <main className="mx-auto max-w-[1800px] px-4 py-3">{children}</main>
        </CurrentUserProvider>
      </body>
    </html>
  );
}
