// Kernel OOM lines from dmesg or journalctl -k (the KERNEL_LOG_SCRIPT output).

export interface KernelLog {
  source: "dmesg" | "journalctl" | null;
  /** Why the kernel log could not be read (e.g. dmesg_restrict for a non-root user). */
  denied?: string;
  lines: string[];
}

export interface OomKillLine {
  pid: number;
  command: string;
  line: string;
}

export function parseKernelLog(sections: Map<string, string[]>): KernelLog {
  for (const [name, lines] of sections) {
    if (name === "source dmesg" || name === "source journalctl") return { source: name.slice(7) as "dmesg" | "journalctl", lines };
    if (name === "denied") return { source: null, denied: `kernel log not readable: ${lines[0] ?? "permission denied"}`, lines: [] };
  }
  return { source: null, denied: "kernel log not readable: no output", lines: [] };
}

/** "Out of memory: Killed process 1234 (postgres) ..." (older: "Kill process"), or "oom-kill:...,task=postgres,pid=1234,...". */
export function parseOomKill(line: string): OomKillLine | null {
  let m = /Kill(?:ed)? process (\d+) \(([^)]*)\)/.exec(line);
  if (m) return { pid: Number(m[1]), command: m[2], line };
  m = /oom-kill:.*task=([^,]*),pid=(\d+)/.exec(line);
  if (m) return { pid: Number(m[2]), command: m[1], line };
  return null;
}

export function oomKillLines(log: KernelLog): OomKillLine[] {
  // Both forms name the same kill; keep the "Killed process" one (it has the sizes).
  const byPid = new Map<number, OomKillLine>();
  for (const line of log.lines) {
    const k = parseOomKill(line);
    if (k && (!byPid.has(k.pid) || /Kill(ed)? process/.test(line))) byPid.set(k.pid, k);
  }
  return [...byPid.values()];
}
