// /proc/vmstat counters the probe keeps, and per-second rates between two samples.

export interface VmstatSample {
  pswpin: number;
  pswpout: number;
  pgmajfault: number;
  /** null on kernels before 4.13 (no oom_kill counter). */
  oomKill: number | null;
  atMs: number;
}

export function parseVmstat(lines: string[], atMs: number): VmstatSample {
  const kv = new Map<string, number>();
  for (const line of lines) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^\d+$/.test(v)) kv.set(k, Number(v));
  }
  return { pswpin: kv.get("pswpin") ?? 0, pswpout: kv.get("pswpout") ?? 0, pgmajfault: kv.get("pgmajfault") ?? 0, oomKill: kv.get("oom_kill") ?? null, atMs };
}

export interface VmstatRates {
  swapInPerSec: number;
  swapOutPerSec: number;
  majorFaultsPerSec: number;
}

/** Rates from prev to cur; null on the first sample, a zero interval, or a counter that went back (reboot). */
export function vmstatRates(prev: VmstatSample | null, cur: VmstatSample): VmstatRates | null {
  if (!prev) return null;
  const dt = (cur.atMs - prev.atMs) / 1000;
  if (dt <= 0) return null;
  const d = (a: number, b: number) => (b >= a ? (b - a) / dt : NaN);
  const r = { swapInPerSec: d(prev.pswpin, cur.pswpin), swapOutPerSec: d(prev.pswpout, cur.pswpout), majorFaultsPerSec: d(prev.pgmajfault, cur.pgmajfault) };
  return Object.values(r).some(Number.isNaN) ? null : r;
}
