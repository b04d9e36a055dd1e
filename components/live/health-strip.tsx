"use client";
import type { ReactNode } from "react";
import type { HostSnapshot, MemorySettings } from "@/lib/snapshot";
import type { SessionCounts, SessionRef } from "@/lib/session-stats";
import { formatDuration, formatRate } from "@/lib/format";
import { PidLink } from "./pid-link";

type Tone = "warn" | "bad" | undefined;
const TONE = { warn: "text-amber-300", bad: "text-rose-300" };

function Tile({ label, value, tone, detail }: { label: string; value: string; tone?: Tone; detail?: ReactNode }) {
  return (
    <div className="min-w-0 rounded-md border border-zinc-800 bg-zinc-900/50 px-2.5 py-1.5">
      <dt className="truncate text-xs leading-tight text-zinc-300">{label}</dt>
      <dd className={`text-lg font-semibold leading-snug ${tone ? TONE[tone] : "text-zinc-100"}`}>{value}</dd>
      {detail && <dd className="truncate text-xs text-zinc-300">{detail}</dd>}
    </div>
  );
}

const who = (r: SessionRef | null) => (r ? <PidLink pid={r.pid} /> : "none");

interface HealthStripProps {
  counts: SessionCounts;
  settings: MemorySettings | null;
  host: HostSnapshot | null;
}

/** The incident at a glance: every number from the server's one summary of the poll (and the host probe). */
export function HealthStrip({ counts: c, settings, host }: HealthStripProps) {
  const idleTx = c.idleInTransaction + c.idleInTransactionAborted;
  const max = settings?.maxConnections ?? null;
  const connShare = max ? c.clientBackends / max : 0;
  const memShare = host && host.status === "up" && host.memTotalBytes > 0 ? host.memAvailableBytes / host.memTotalBytes : null;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8" aria-label="Health">
      <Tile label="Active" value={String(c.active)} />
      <Tile label="Idle in transaction" value={String(idleTx)} tone={idleTx > 0 ? "warn" : undefined} detail={c.oldestIdleInTransaction ? <>{formatDuration(c.oldestIdleInTransaction.ms)} · {who(c.oldestIdleInTransaction)}</> : undefined} />
      <Tile label="Waiting on locks" value={String(c.waitingOnLock)} tone={c.waitingOnLock > 0 ? "warn" : undefined} />
      <Tile label="Connections" value={max === null ? String(c.clientBackends) : `${c.clientBackends} / ${max}`} tone={connShare >= 0.95 ? "bad" : connShare >= 0.8 ? "warn" : undefined} detail="client backends / max" />
      <Tile label="Longest active query" value={c.longestActive ? formatDuration(c.longestActive.ms) : "—"} detail={who(c.longestActive)} />
      <Tile label="Oldest open transaction" value={c.oldestTransaction ? formatDuration(c.oldestTransaction.ms) : "—"} detail={who(c.oldestTransaction)} />
      {memShare !== null && <Tile label="MemAvailable" value={`${Math.round(memShare * 100)}%`} tone={memShare < 0.1 ? "bad" : memShare < 0.2 ? "warn" : undefined} />}
      {host && host.status === "up" && <Tile label="Swap-in" value={host.swapInPerSec === null ? "—" : `${formatRate(host.swapInPerSec)}`} detail="pages swapped in" tone={(host.swapInPerSec ?? 0) > 100 ? "bad" : undefined} />}
    </dl>
  );
}
