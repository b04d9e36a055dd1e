// Kernel OOM lines for the signals: taken from what the host monitor already read (at its start and
// after each oom_kill increment), so the signals add no kernel-log reads of their own.
import type { KernelLog } from "../host/kernel-log";
import type { ReadOutcome } from "./log-chunk";
import { lineTime } from "./line-time";

export class KernelLines {
  private known: Set<string> | null = null;
  private last: KernelLog | null = null;

  /**
   * New lines since the last take. The first read's lines without a clock time (plain dmesg's
   * "[ 8123.44]") are old kills of unknown age: they are the baseline, not signals "seen now".
   */
  take(log: KernelLog | null, now: Date): { outcome: ReadOutcome; lines: string[] } {
    if (log === null) return { outcome: { status: "pending", error: "waiting for the host probe's first kernel-log read" }, lines: [] };
    if (log.denied) return { outcome: { status: "unreadable", error: log.denied }, lines: [] };
    const outcome: ReadOutcome = { status: "ok" };
    if (log === this.last) return { outcome, lines: [] };
    this.last = log;
    const first = this.known === null;
    const lines = first ? log.lines.filter((l) => lineTime("kernel", l, now) !== null) : log.lines.filter((l) => !this.known!.has(l));
    // The host keeps the last 50 matching lines: a line that left that window cannot come back.
    this.known = new Set(log.lines);
    return { outcome, lines };
  }
}
