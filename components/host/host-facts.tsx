import type { HostSnapshot } from "@/lib/snapshot";
import { formatBytes, formatRate } from "@/lib/format";
import { formatPercent } from "./oom-risk";

type Tone = "warn" | "bad" | undefined;
interface Fact {
  label: string;
  value: string;
  detail?: string;
  tone?: Tone;
}

const TONE = { warn: "text-amber-300", bad: "text-rose-300" };
const fixed = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

function facts(h: HostSnapshot): Fact[] {
  const available = h.memTotalBytes > 0 ? h.memAvailableBytes / h.memTotalBytes : 1;
  const swapUsed = h.swapTotalBytes - h.swapFreeBytes;
  const swapping = (h.swapOutPerSec ?? 0) > 0;
  const overcommit = h.commitLimitBytes > 0 ? h.committedAsBytes / h.commitLimitBytes : 0;
  const list: Fact[] = [
    { label: "Memory total", value: formatBytes(h.memTotalBytes) },
    {
      label: "Available",
      value: formatBytes(h.memAvailableBytes),
      detail: `${formatPercent(available)} of total`,
      tone: available < 0.1 ? "bad" : available < 0.2 ? "warn" : undefined,
    },
    { label: "Used", value: formatBytes(h.memTotalBytes - h.memAvailableBytes), detail: "total − available" },
    { label: "Cached", value: formatBytes(h.cachedBytes), detail: `buffers ${formatBytes(h.buffersBytes)}` },
    { label: "Shmem", value: formatBytes(h.shmemBytes), detail: "shared_buffers lives here" },
    { label: "Anon", value: formatBytes(h.anonBytes), detail: "process heaps: work_mem, Odoo" },
    {
      label: "Swap used",
      value: h.swapTotalBytes === 0 ? "no swap" : `${formatBytes(swapUsed)} / ${formatBytes(h.swapTotalBytes)}`,
      tone: swapping ? "warn" : undefined,
    },
    {
      label: "Swap in / out",
      value: `${formatRate(h.swapInPerSec)} / ${formatRate(h.swapOutPerSec)}`,
      detail: "pages per second",
      tone: (h.swapOutPerSec ?? 0) > 1000 ? "bad" : swapping ? "warn" : undefined,
    },
    {
      label: "Committed",
      value: `${formatBytes(h.committedAsBytes)} / ${formatBytes(h.commitLimitBytes)}`,
      detail: `Committed_AS of CommitLimit (${formatPercent(overcommit)})`,
      tone: overcommit > 1 ? "warn" : undefined,
    },
    { label: "Load average", value: h.loadAvg.map(fixed).join(" "), detail: "1, 5, 15 min" },
  ];
  if (h.cgroup) {
    const max = h.cgroup.memoryMaxBytes;
    const ratio = max ? h.cgroup.memoryCurrentBytes / max : 0;
    list.push({
      label: "cgroup memory",
      value: `${formatBytes(h.cgroup.memoryCurrentBytes)} / ${max === null ? "max" : formatBytes(max)}`,
      detail: `memory.current / memory.max${h.cgroup.oomKills > 0 ? ` · ${h.cgroup.oomKills} oom_kill` : ""}`,
      tone: ratio >= 0.9 || h.cgroup.oomKills > 0 ? "bad" : ratio >= 0.75 ? "warn" : undefined,
    });
  }
  return list;
}

const pct = (n: number) => `${n.toFixed(2)}`;

/** Runbook step 3.1 at a glance: /proc/meminfo, vmstat rates, PSI, load, cgroup. */
export function HostFacts({ host }: { host: HostSnapshot }) {
  const p = host.psi;
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6">
        {facts(host).map((f) => (
          <div key={f.label} className="rounded-md border border-zinc-800 bg-zinc-900/50 px-3 py-2">
            <dt className="text-xs leading-tight text-zinc-400">{f.label}</dt>
            <dd className={`text-lg font-semibold ${f.tone ? TONE[f.tone] : "text-zinc-100"}`}>{f.value}</dd>
            {f.detail && <dd className="truncate text-xs text-zinc-400">{f.detail}</dd>}
          </div>
        ))}
      </dl>
      {p ? (
        <table className="text-left text-xs" aria-label="Memory pressure (PSI)">
          <thead className="text-zinc-400">
            <tr>
              <th scope="col" className="pr-4 font-medium">PSI</th>
              <th scope="col" className="pr-4 text-right font-medium">avg10</th>
              <th scope="col" className="pr-4 text-right font-medium">avg60</th>
              <th scope="col" className="text-right font-medium">avg300</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className="pr-4 font-normal text-zinc-400">some</th>
              <td className={`pr-4 text-right ${p.someAvg10 >= 10 ? "text-amber-300" : ""}`}>{pct(p.someAvg10)}%</td>
              <td className="pr-4 text-right">{pct(p.someAvg60)}%</td>
              <td className="text-right">{pct(p.someAvg300)}%</td>
            </tr>
            <tr>
              <th scope="row" className="pr-4 font-normal text-zinc-400">full</th>
              <td className={`pr-4 text-right ${p.fullAvg10 >= 5 ? "text-rose-300" : ""}`}>{pct(p.fullAvg10)}%</td>
              <td className="pr-4 text-right">{pct(p.fullAvg60)}%</td>
              <td className="text-right">{pct(p.fullAvg300)}%</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="text-xs text-zinc-400">Memory pressure (PSI) unavailable{host.psiUnavailable ? `: ${host.psiUnavailable}` : ""}.</p>
      )}
    </div>
  );
}
