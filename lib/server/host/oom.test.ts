import { describe, expect, it } from "vitest";
import type { HostProcess } from "../../snapshot";
import { session } from "../../../test/fixtures/session-fixture";
import { OomTracker } from "./oom";
import { vmstatSequence } from "./vmstat.test";

const proc = (pid: number, kind: HostProcess["kind"], rssMb: number): HostProcess => ({ pid, kind, command: kind, rssBytes: rssMb << 20 });
const before = [proc(4100, "postgres", 30), proc(4201, "postgres", 1800), proc(4202, "postgres", 20), proc(5300, "odoo", 400)];
const lastSession = session({ pid: 4201, user: "odoo", applicationName: "odoo-worker", query: "select * from big_report", memory: { rssBytes: 1800 << 20 } });

describe("OomTracker over a recorded vmstat sequence", () => {
  it("reports each oom_kill increment once, linking the vanished backend to its last session", () => {
    const seq = vmstatSequence(); // oom_kill: 0, 0, 1, 1, 3
    const t = new OomTracker();
    const lookup = (pid: number) => (pid === 4201 ? lastSession : null);
    const at = new Date("2026-03-21T10:00:00Z");
    const run = (i: number, processes: HostProcess[], killLines: Parameters<OomTracker["observe"]>[0]["killLines"] = null) =>
      t.observe({ oomKill: seq[i].oomKill, processes, killLines, lookupSession: lookup, at });

    expect(run(0, before)).toEqual([]);
    expect(run(1, before)).toEqual([]);
    // The kill: 4201 is gone, no kernel log readable: the biggest vanished process is the victim.
    const [ev] = run(2, before.filter((p) => p.pid !== 4201));
    expect(ev).toEqual({ at: at.toISOString(), victimPid: 4201, victimCommand: "postgres", line: null, session: lastSession, statement: "select * from big_report", statementSource: "last_poll" });
    expect(run(3, before.filter((p) => p.pid !== 4201))).toEqual([]);
    // Two more kills, the kernel names one (odoo), the other is unknown.
    const line = "Out of memory: Killed process 5300 (python3) total-vm:1kB";
    const evs = run(4, [proc(4100, "postgres", 30)], [{ pid: 5300, command: "python3", line }]);
    expect(evs).toHaveLength(2);
    expect(evs[0]).toMatchObject({ victimPid: 5300, victimCommand: "python3", line, session: null });
    expect(evs[1]).toMatchObject({ victimPid: 4202 }); // the other vanished postgres process
    expect(t.events.map((e) => e.victimPid)).toEqual([5300, 4202, 4201]);
  });

  it("ignores kernel lines already there when watching started, and counter resets", () => {
    const t = new OomTracker();
    const old = { pid: 1, command: "x", line: "Out of memory: Killed process 1 (x)" };
    t.markSeen([old]);
    const lookup = () => null;
    t.observe({ oomKill: 5, processes: [], killLines: [old], lookupSession: lookup, at: new Date() });
    const evs = t.observe({ oomKill: 6, processes: [], killLines: [old], lookupSession: lookup, at: new Date() });
    expect(evs).toEqual([expect.objectContaining({ victimPid: null, line: null })]);
    expect(t.observe({ oomKill: 0, processes: [], killLines: null, lookupSession: lookup, at: new Date() })).toEqual([]);
  });

  it("prefers the statement PostgreSQL logged for the killed pid, whether the log is read before or after the kill is seen", () => {
    const at = new Date("2026-03-21T10:00:00Z");
    const crash = (pid: number, offsetMs: number) => ({ pid, signal: 9, at: new Date(at.getTime() + offsetMs), query: "select repeat('x', 1e9)", line: "LOG: ..." });
    const kill = (t: OomTracker) => {
      const lookup = (pid: number) => (pid === 4201 ? lastSession : null);
      t.observe({ oomKill: 0, processes: before, killLines: null, lookupSession: lookup, at });
      return t.observe({ oomKill: 1, processes: before.filter((p) => p.pid !== 4201), killLines: null, lookupSession: lookup, at })[0];
    };
    const after = new OomTracker();
    const ev = kill(after);
    after.noteCrashes([crash(4201, 10 * 60_000)]); // another death of the pid, much later: not this kill
    expect(ev).toMatchObject({ statement: "select * from big_report", statementSource: "last_poll" });
    after.noteCrashes([crash(4201, -800)]);
    expect(ev).toMatchObject({ statement: "select repeat('x', 1e9)", statementSource: "postgres_log", session: lastSession });

    const first = new OomTracker();
    first.noteCrashes([crash(4201, -800), { ...crash(4202, 0), signal: 15 }]);
    expect(kill(first)).toMatchObject({ statement: "select repeat('x', 1e9)", statementSource: "postgres_log" });
  });
});
