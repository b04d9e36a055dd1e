import type { HistoryPoint } from "../../snapshot";

/** A fixed-size ring: the last `capacity` points, oldest first on read. */
export class HistoryRing<T = HistoryPoint> {
  private readonly points: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  push(p: T): void {
    if (this.points.length < this.capacity) this.points.push(p);
    else {
      this.points[this.start] = p;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  toArray(): T[] {
    return [...this.points.slice(this.start), ...this.points.slice(0, this.start)];
  }

  get size(): number {
    return this.points.length;
  }
}

/** 15 minutes of points at the poll interval. */
export const historyCapacity = (pollMs: number) => Math.min(3600, Math.max(60, Math.ceil((15 * 60 * 1000) / pollMs)));
