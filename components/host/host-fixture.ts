// A realistic host probe (8 GiB Odoo + PostgreSQL box under memory pressure), for unit tests.
import type { HostSnapshot } from "@/lib/snapshot";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export function hostSnapshot(over: Partial<HostSnapshot> = {}): HostSnapshot {
  return {
    status: "up",
    transport: "local",
    takenAt: "2026-03-21T10:00:00.000Z",
    lastProbeAt: "2026-03-21T10:00:00.000Z",
    probeMs: 14,
    memTotalBytes: 7.7 * GiB,
    memAvailableBytes: 2.1 * GiB,
    buffersBytes: 96 * MiB,
    cachedBytes: 1.4 * GiB,
    shmemBytes: 160 * MiB,
    anonBytes: 4.9 * GiB,
    committedAsBytes: 11.2 * GiB,
    commitLimitBytes: 5.85 * GiB,
    swapTotalBytes: 2 * GiB,
    swapFreeBytes: 1.2 * GiB,
    swapInPerSec: 12,
    swapOutPerSec: 340,
    majorFaultsPerSec: 55,
    psi: { someAvg10: 4.21, someAvg60: 2.1, someAvg300: 0.62, fullAvg10: 1.05, fullAvg60: 0.4, fullAvg300: 0.1 },
    loadAvg: [3.12, 2.4, 1.1],
    oomKills: 2,
    oomEvents: [],
    cgroup: null,
    processes: [],
    ...over,
  };
}
