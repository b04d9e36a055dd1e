// One host memory point per probe, built the same way on the server (history) and in the browser. Isomorphic.
import type { HostHistoryPoint, HostSnapshot } from "./snapshot";

/** "Used" as free(1) reads it for a commander: what the kernel cannot hand out without reclaim pain. */
export function hostHistoryPointOf(host: HostSnapshot, t: number): HostHistoryPoint {
  return {
    t,
    memUsedBytes: Math.max(0, host.memTotalBytes - host.memAvailableBytes),
    memAvailableBytes: host.memAvailableBytes,
    cachedBytes: host.cachedBytes,
    swapInPerSec: host.swapInPerSec,
    swapOutPerSec: host.swapOutPerSec,
    psiSomeAvg10: host.psi?.someAvg10 ?? null,
    psiFullAvg10: host.psi?.fullAvg10 ?? null,
  };
}
