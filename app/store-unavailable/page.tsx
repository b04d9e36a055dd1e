import type { Metadata } from "next";
import { safeNextPath } from "@/components/auth/next-path";
import { StoreReturnWatcher } from "@/components/ui/store-return-watcher";

// Public and store-free: pages send people here when the session cannot be checked (lib/server/http/page-auth.ts).
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Store unavailable" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function StoreUnavailablePage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg rounded-md border border-amber-700 bg-amber-950/40 p-5">
      <h1 className="text-base font-semibold text-amber-200">The console&apos;s store is unavailable</h1>
      <p className="mt-2 text-zinc-200">
        The console&apos;s store is unavailable — live data still streams; actions are refused until it returns.
      </p>
      <p className="mt-2 text-zinc-300">Pages already open keep their live view. Logging in and opening pages wait for the store.</p>
      <StoreReturnWatcher next={next} />
    </div>
  );
}
