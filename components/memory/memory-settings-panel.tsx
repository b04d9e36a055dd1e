import type { MemorySettings } from "@/lib/snapshot";
import { formatBytes, formatTimeout } from "@/lib/format";
import { worstCaseMemory } from "@/lib/worst-case-memory";
import { Panel } from "@/components/ui/panel";

interface MemorySettingsPanelProps {
  settings: MemorySettings | null;
  activeSessions: number;
}

function settingRows(s: MemorySettings): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ["shared_buffers", formatBytes(s.sharedBuffersBytes)],
    ["work_mem", formatBytes(s.workMemBytes)],
    ["hash_mem_multiplier", String(s.hashMemMultiplier)],
    ["maintenance_work_mem", formatBytes(s.maintenanceWorkMemBytes)],
    ["max_connections", String(s.maxConnections)],
    ["superuser_reserved_connections", String(s.superuserReservedConnections)],
  ];
  if (s.reservedConnections !== null) rows.push(["reserved_connections", String(s.reservedConnections)]);
  rows.push(
    ["effective_cache_size", formatBytes(s.effectiveCacheSizeBytes)],
    ["statement_timeout", formatTimeout(s.statementTimeoutMs)],
    ["idle_in_transaction_session_timeout", formatTimeout(s.idleInTransactionSessionTimeoutMs)],
  );
  return rows;
}

/** Runbook step 1.3: the memory knobs, and what they add up to when every session sorts or hashes at once. */
export function MemorySettingsPanel({ settings, activeSessions }: MemorySettingsPanelProps) {
  if (!settings) {
    return (
      <Panel title="Memory settings">
        <p className="text-zinc-400">Settings not read yet.</p>
      </Panel>
    );
  }
  const worst = worstCaseMemory(settings, activeSessions);
  return (
    <Panel title="Memory settings">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5">
        {settingRows(settings).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-mono text-xs leading-5 text-zinc-400 wrap-anywhere">{name}</dt>
            <dd className="text-right leading-5 text-zinc-200">{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-3 text-xs font-semibold text-zinc-400">Worst case</h3>
      <ul className="mt-1 space-y-1 font-mono text-xs leading-5">
        {[worst.atMaxConnections, worst.atActiveSessions].map((line) => (
          <li key={line.formula} className="rounded bg-zinc-950/60 px-2 py-1">
            <span className="block text-zinc-400">{line.formula}</span> <span className="block text-zinc-200">= {line.expression}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs leading-relaxed text-zinc-400">
        One query may run several sort and hash nodes at once, each allowed work_mem (hash nodes work_mem ×
        hash_mem_multiplier), and parallel workers multiply that again; maintenance_work_mem comes on top for VACUUM
        and CREATE INDEX. So this is a floor-ish estimate of the worst case, not a ceiling.
      </p>
    </Panel>
  );
}
