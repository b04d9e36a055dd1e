// Samples not yet in the store: while it is unavailable they wait here, bounded by age and count,
// and go in with the next write that works, so the history has no gap for a short store outage.
import type { MetricSampleRow } from "./sample";

export const BUFFER_MS = 30 * 60_000;

export class OutageBuffer {
  private rows: MetricSampleRow[] = [];
  /** Rows dropped (too old or over the count); the recorder reports and resets it. */
  dropped = 0;

  constructor(private readonly maxRows: number, private readonly maxAgeMs = BUFFER_MS) {}

  get size(): number {
    return this.rows.length;
  }

  /** Rows arrive in time order; the oldest go first when the buffer is full or they are too old. */
  add(rows: MetricSampleRow[], now = Date.now()): void {
    this.rows.push(...rows);
    const oldest = now - this.maxAgeMs;
    let cut = 0;
    while (cut < this.rows.length && (this.rows.length - cut > this.maxRows || this.rows[cut].at.getTime() < oldest)) cut++;
    if (cut) {
      this.rows.splice(0, cut);
      this.dropped += cut;
    }
  }

  /** The next rows to write, oldest first. */
  batch(max: number): MetricSampleRow[] {
    return this.rows.slice(0, max);
  }

  /** The batch is in the store: forget exactly those rows (others may have been dropped or added meanwhile). */
  written(batch: MetricSampleRow[]): void {
    const done = new Set(batch);
    this.rows = this.rows.filter((r) => !done.has(r));
  }
}
