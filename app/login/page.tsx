import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPageUser, redirectStoreUnavailable } from "@/lib/server/http/page-auth";
import { storeUnavailable } from "@/lib/server/store/supervisor";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/components/auth/next-path";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log in" };

interface LoginPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const next = safeNextPath((await searchParams).next);
  if (storeUnavailable()) redirectStoreUnavailable(next); // a login cannot work now: say why instead of failing it
  if (await currentPageUser()) redirect(next);
  return (
    <div className="mx-auto mt-16 max-w-xs rounded-md border border-zinc-800 bg-zinc-900/50 p-5">
      <h1 className="mb-4 text-base font-semibold text-zinc-100">Log in to pg-triage</h1>
      <LoginForm next={next} />
    </div>
  );
}
