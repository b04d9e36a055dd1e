import type { Evidence } from "@/lib/runbook";

const STYLE: Record<Evidence["status"], string> = {
  ok: "border-emerald-700/60 bg-emerald-950/60 text-emerald-300",
  bad: "border-rose-700/60 bg-rose-950/60 text-rose-300",
  unknown: "border-zinc-700 bg-zinc-900 text-zinc-400",
};

/** "ok · 0 active, 0 idle in transaction": status as a word (not colour alone), the measurement as text. */
export function EvidenceBadge({ evidence }: { evidence: Evidence }) {
  return (
    <span title={evidence.kind} className={`inline-flex max-w-full items-baseline gap-1.5 rounded border px-1.5 py-0.5 text-xs ${STYLE[evidence.status]}`}>
      <span className="font-semibold">{evidence.status}</span>
      <span className="min-w-0 break-words">{evidence.text}</span>
    </span>
  );
}
