// /proc/meminfo: "Key:   123 kB" lines, in bytes.

export interface Meminfo {
  memTotalBytes: number;
  memAvailableBytes: number;
  buffersBytes: number;
  cachedBytes: number;
  shmemBytes: number;
  anonBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
  committedAsBytes: number;
  commitLimitBytes: number;
}

const FIELDS: Record<keyof Meminfo, string> = {
  memTotalBytes: "MemTotal",
  memAvailableBytes: "MemAvailable",
  buffersBytes: "Buffers",
  cachedBytes: "Cached",
  shmemBytes: "Shmem",
  anonBytes: "AnonPages",
  swapTotalBytes: "SwapTotal",
  swapFreeBytes: "SwapFree",
  committedAsBytes: "Committed_AS",
  commitLimitBytes: "CommitLimit",
};

export function parseMeminfo(lines: string[]): Meminfo {
  const kv = new Map<string, number>();
  for (const line of lines) {
    const m = /^([A-Za-z_()0-9]+):\s+(\d+)(\s*kB)?/.exec(line);
    if (m) kv.set(m[1], Number(m[2]) * (m[3] ? 1024 : 1));
  }
  if (!kv.has("MemTotal")) throw new Error("meminfo: MemTotal missing");
  const out = {} as Meminfo;
  for (const [k, name] of Object.entries(FIELDS) as [keyof Meminfo, string][]) out[k] = kv.get(name) ?? 0;
  // Kernels before 3.14 lack MemAvailable: the classic estimate.
  if (!kv.has("MemAvailable")) out.memAvailableBytes = (kv.get("MemFree") ?? 0) + out.buffersBytes + out.cachedBytes;
  return out;
}
