import type { MemorySettings } from "@/lib/snapshot";
import { formatDuration } from "@/lib/format";
import type { SessionCounts, SessionRef } from "@/lib/session-stats";

interface Tile {
  label: string;
  value: string;
  detail?: string;
  /** Highlight when the number is a warning sign. */
  tone?: "warn" | "bad";
}

const TONE = { warn: "text-amber-300", bad: "text-rose-300" };

const whoFor = (s: SessionRef | null) => (s ? `pid ${s.pid}` : "none");

function tiles(c: SessionCounts, settings: MemorySettings | null): Tile[] {
  const max = settings?.maxConnections ?? null;
  const ratio = max ? c.clientBackends / max : 0;
  return [
    { label: "Active", value: String(c.active) },
    { label: "Idle", value: String(c.idle) },
    { label: "Idle in transaction", value: String(c.idleInTransaction), tone: c.idleInTransaction > 0 ? "warn" : undefined },
    { label: "Idle in transaction (aborted)", value: String(c.idleInTransactionAborted), tone: c.idleInTransactionAborted > 0 ? "bad" : undefined },
    { label: "Waiting on locks", value: String(c.waitingOnLock), tone: c.waitingOnLock > 0 ? "warn" : undefined },
    {
      label: "Client backends",
      value: max === null ? String(c.clientBackends) : `${c.clientBackends} / ${max}`,
      detail: "of max_connections",
      tone: ratio >= 0.95 ? "bad" : ratio >= 0.8 ? "warn" : undefined,
    },
    { label: "Longest active query", value: c.longestActive ? formatDuration(c.longestActive.ms) : "—", detail: whoFor(c.longestActive) },
    { label: "Oldest open transaction", value: c.oldestTransaction ? formatDuration(c.oldestTransaction.ms) : "—", detail: whoFor(c.oldestTransaction) },
  ];
}

/** The sessions at a glance; client backends only, as in the chart. */
export function SessionCounters({ counts, settings }: { counts: SessionCounts; settings: MemorySettings | null }) {
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
      {tiles(counts, settings).map((t) => (
        <div key={t.label} className="rounded-md border border-zinc-800 bg-zinc-900/50 px-3 py-2">
          <dt className="text-xs leading-tight text-zinc-400">{t.label}</dt>
          <dd className={`text-xl font-semibold ${t.tone ? TONE[t.tone] : "text-zinc-100"}`}>{t.value}</dd>
          {t.detail && <dd className="truncate text-xs text-zinc-400">{t.detail}</dd>}
        </div>
      ))}
    </dl>
  );
}
