// OOM kills: the oom_kill counter going up names that a kill happened; the kernel line (when
// readable) names the victim; a postgres backend that vanished at the same time is linked to the
// last session snapshot the monitor had of it.
import type { HostProcess, OomEvent, Session } from "../../snapshot";
import type { OomKillLine } from "./kernel-log";

export const MAX_OOM_EVENTS = 50;

export interface OomObservation {
  oomKill: number | null;
  processes: HostProcess[];
  /** New kernel OOM lines, read only when the counter went up; null when the kernel log is not readable. */
  killLines: OomKillLine[] | null;
  lookupSession: (pid: number) => Session | null;
  at: Date;
}

export class OomTracker {
  private prevCount: number | null = null;
  private prevProcesses = new Map<number, HostProcess>();
  private seenLines = new Set<string>();
  readonly events: OomEvent[] = [];

  /** Lines already in the kernel log when watching starts are history, not new kills. */
  markSeen(lines: OomKillLine[]): void {
    for (const l of lines) this.seenLines.add(l.line);
  }

  /** How many kills since the last observation (0 on the first). */
  increment(oomKill: number | null): number {
    if (oomKill === null || this.prevCount === null || oomKill < this.prevCount) return 0;
    return oomKill - this.prevCount;
  }

  observe(o: OomObservation): OomEvent[] {
    const delta = this.increment(o.oomKill);
    const fresh: OomEvent[] = [];
    if (delta > 0) {
      const current = new Set(o.processes.map((p) => p.pid));
      const vanished = [...this.prevProcesses.values()].filter((p) => !current.has(p.pid) && p.kind !== "other");
      const lines = (o.killLines ?? []).filter((l) => !this.seenLines.has(l.line));
      this.markSeen(lines);
      for (const l of lines.slice(-delta)) {
        fresh.push(this.event(o, l.pid, l.command, l.line));
      }
      // Without (enough) kernel lines: the OOM killer picks the biggest, so the biggest vanished one.
      vanished.sort((a, b) => b.rssBytes - a.rssBytes);
      const named = new Set(fresh.map((e) => e.victimPid));
      for (const p of vanished.filter((v) => !named.has(v.pid))) {
        if (fresh.length >= delta) break;
        fresh.push(this.event(o, p.pid, p.command, null));
      }
      while (fresh.length < Math.min(delta, 10)) fresh.push({ at: o.at.toISOString(), victimPid: null, victimCommand: null, line: null, session: null });
      this.events.unshift(...fresh);
      this.events.length = Math.min(this.events.length, MAX_OOM_EVENTS);
    }
    if (o.oomKill !== null) this.prevCount = o.oomKill;
    this.prevProcesses = new Map(o.processes.map((p) => [p.pid, p]));
    return fresh;
  }

  private event(o: OomObservation, pid: number, command: string, line: string | null): OomEvent {
    return { at: o.at.toISOString(), victimPid: pid, victimCommand: command, line, session: o.lookupSession(pid) };
  }
}
