"use client";
import type { HostSnapshot } from "@/lib/snapshot";
import { formatAge } from "@/lib/format";
import { useNow } from "@/components/ui/use-now";

interface HostStatusProps {
  /** The host part of the newest snapshot, whatever its status. */
  latest: HostSnapshot | null;
  /** Client clock when the last good probe arrived. */
  lastGoodAt: number | null;
  intervalMs: number | null;
}

/**
 * Host freshness, apart from postgres: the probe can fail (ssh down, slow /proc) while the database
 * keeps answering. Re-renders on its own clock so the panel below does not.
 */
export function HostStatus({ latest, lastGoodAt, intervalMs }: HostStatusProps) {
  const now = useNow(1000);
  const age = now === null || lastGoodAt === null ? null : Math.max(0, now - lastGoodAt);
  const down = latest?.status === "down";
  const old = age !== null && intervalMs !== null && age > 2 * intervalMs;
  if (!down && !old) return <div role="status" />;
  return (
    <div role="status" className="rounded-md border border-amber-600 bg-amber-950/70 px-3 py-2 text-amber-100">
      <p>
        <strong className="font-semibold uppercase tracking-wide">Host data stale</strong>
        {down ? <>: host {latest?.transport === "ssh" ? "unreachable over ssh" : "probe failed"}{latest?.error ? ` — ${latest.error}` : ""}</> : null}.{" "}
        {age === null ? "No host data received yet." : <>The host numbers below are from the last good probe, <span aria-hidden>{formatAge(age)}</span>.</>}{" "}
        PostgreSQL data keeps updating.
      </p>
    </div>
  );
}
