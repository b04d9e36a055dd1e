// OOM kills: the oom_kill counter going up names that a kill happened; the kernel line (when
// readable) names the victim; a postgres backend that vanished at the same time is linked to the
// last session snapshot the monitor had of it, and to the statement PostgreSQL's log says it was
// running when it died (read later, by the signal reader), which wins over the last poll's.
import type { HostProcess, OomEvent, Session } from "../../snapshot";
import type { BackendCrash } from "../signals/crash-lines";
import type { OomKillLine } from "./kernel-log";

/** A crash line further than this from the kill is another death of a reused pid. */
export const CRASH_LINK_WINDOW_MS = 5 * 60_000;
/** Crash lines kept for kills not seen yet (the log may be read before the probe sees the counter move). */
const MAX_CRASHES = 50;

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
  private crashes: BackendCrash[] = [];
  readonly events: OomEvent[] = [];

  /** Backends PostgreSQL logged as killed by signal 9: their statements replace the last poll's on matching events. */
  noteCrashes(crashes: readonly BackendCrash[]): void {
    const killed = crashes.filter((c) => c.signal === 9 && c.query !== null);
    if (!killed.length) return;
    this.crashes = [...killed, ...this.crashes].slice(0, MAX_CRASHES);
    this.events.forEach((e) => this.link(e));
  }

  private link(e: OomEvent): void {
    if (e.victimPid === null || e.statementSource === "postgres_log") return;
    const at = Date.parse(e.at);
    const c = this.crashes.find((x) => x.pid === e.victimPid && (x.at === null || Math.abs(x.at.getTime() - at) <= CRASH_LINK_WINDOW_MS));
    if (c) Object.assign(e, { statement: c.query, statementSource: "postgres_log" });
  }

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
      while (fresh.length < Math.min(delta, 10)) fresh.push({ at: o.at.toISOString(), victimPid: null, victimCommand: null, line: null, session: null, statement: null, statementSource: null });
      fresh.forEach((e) => this.link(e));
      this.events.unshift(...fresh);
      this.events.length = Math.min(this.events.length, MAX_OOM_EVENTS);
    }
    if (o.oomKill !== null) this.prevCount = o.oomKill;
    this.prevProcesses = new Map(o.processes.map((p) => [p.pid, p]));
    return fresh;
  }

  private event(o: OomObservation, pid: number, command: string, line: string | null): OomEvent {
    const session = o.lookupSession(pid);
    const polled = session?.query ? { statement: session.query, statementSource: "last_poll" as const } : { statement: null, statementSource: null };
    return { at: o.at.toISOString(), victimPid: pid, victimCommand: command, line, session, ...polled };
  }
}
