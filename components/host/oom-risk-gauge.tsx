import type { MemorySettings } from "@/lib/snapshot";
import { oomRisk, type RiskLine, type RiskTone } from "./oom-risk";

const TONE: Record<RiskTone, { bar: string; text: string; word: string }> = {
  ok: { bar: "bg-emerald-500", text: "text-emerald-300", word: "low" },
  warn: { bar: "bg-amber-500", text: "text-amber-300", word: "elevated" },
  bad: { bar: "bg-rose-500", text: "text-rose-300", word: "high" },
};

function Line({ title, line }: { title: string; line: RiskLine }) {
  const t = TONE[line.tone];
  const width = Math.min(100, Math.round((Number.isFinite(line.ofAvailable) ? line.ofAvailable : 1) * 100));
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-zinc-400">{title}</span>
        <span className={t.text}>risk {t.word}</span>
      </div>
      <div
        role="meter"
        aria-label={`${title}: share of available memory`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={width}
        aria-valuetext={line.text}
        className="mt-1 h-2 overflow-hidden rounded bg-zinc-800"
      >
        <div className={`h-full ${t.bar}`} style={{ width: `${width}%` }} />
      </div>
      <p className="mt-1 font-mono text-xs text-zinc-200">{line.text}</p>
      <p className="font-mono text-xs text-zinc-400">{line.totalText}</p>
    </div>
  );
}

interface OomRiskGaugeProps {
  settings: MemorySettings | null;
  activeBackends: number;
  memAvailableBytes: number;
  memTotalBytes: number;
}

/** shared_buffers + active backends × work_mem × hash_mem_multiplier against what the host has left. */
export function OomRiskGauge({ settings, activeBackends, memAvailableBytes, memTotalBytes }: OomRiskGaugeProps) {
  if (!settings) return <p className="text-xs text-zinc-400">OOM risk: settings not read yet.</p>;
  const r = oomRisk(settings, activeBackends, memAvailableBytes, memTotalBytes);
  return (
    <section aria-label="OOM risk" className="space-y-3">
      <h3 className="text-xs font-semibold text-zinc-400">OOM risk</h3>
      <p className="text-xs text-zinc-400">shared_buffers + backends × work_mem × hash_mem_multiplier</p>
      <Line title={`Now (${activeBackends} active backends)`} line={r.active} />
      <Line title={`Worst case (max_connections ${settings.maxConnections})`} line={r.worst} />
      <p className={`text-sm ${r.workMemIsLever ? "text-amber-200" : "text-zinc-300"}`}>{r.lever}</p>
    </section>
  );
}
