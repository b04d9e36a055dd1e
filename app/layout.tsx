import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "pg-triage", template: "%s · pg-triage" },
  description: "Live incident console for PostgreSQL memory-pressure and OOM incidents",
};

export const viewport: Viewport = { colorScheme: "dark", themeColor: "#09090b" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen text-sm">
        <header className="flex items-baseline gap-3 border-b border-zinc-800 px-4 py-2">
          <Link href="/" className="font-semibold tracking-tight text-zinc-100 hover:text-sky-300">
            pg-triage
          </Link>
          <span className="text-xs text-zinc-500">PostgreSQL memory-pressure console</span>
        </header>
        <main className="mx-auto max-w-[1800px] px-4 py-3">{children}</main>
      </body>
    </html>
  );
}
