import type { HostHistoryPoint, HostSnapshot } from "../../snapshot";

/** A fixed-size ring of host points, oldest first on read. */
export class HostHistoryRing {
  private readonly points: HostHistoryPoint[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  push(p: HostHistoryPoint): void {
    if (this.points.length < this.capacity) this.points.push(p);
    else {
      this.points[this.start] = p;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  toArray(): HostHistoryPoint[] {
    return [...this.points.slice(this.start), ...this.points.slice(0, this.start)];
  }
}

export function hostHistoryPoint(h: HostSnapshot): HostHistoryPoint {
  return {
    t: Date.parse(h.takenAt),
    memUsedBytes: h.memTotalBytes - h.memAvailableBytes,
    memAvailableBytes: h.memAvailableBytes,
    cachedBytes: h.cachedBytes,
    swapInPerSec: h.swapInPerSec,
    swapOutPerSec: h.swapOutPerSec,
    psiSomeAvg10: h.psi?.someAvg10 ?? null,
    psiFullAvg10: h.psi?.fullAvg10 ?? null,
  };
}
