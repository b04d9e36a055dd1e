import { describe, it, expect } from "vitest";
import type { HostProcess } from "@/lib/snapshot";
import { session } from "@/test/fixtures/session-fixture";
import { joinSessions, odooWorkers, sessionMemoryBytes, sortProcesses, totalOf } from "./host-processes";

const MiB = 1024 ** 2;

// A real-looking top: the postmaster, two backends (one running a report), the checkpointer, two Odoo workers, a stray java.
const processes: HostProcess[] = [
  { pid: 811, command: "postgres: 16/main: postmaster", kind: "postgres", rssBytes: 152 * MiB, pssBytes: 31 * MiB, anonBytes: 6 * MiB },
  { pid: 4123, command: "postgres: odoo odoo 10.0.0.7(51234) SELECT", kind: "postgres", rssBytes: 1210 * MiB, pssBytes: 1046 * MiB, anonBytes: 1020 * MiB },
  { pid: 4188, command: "postgres: odoo odoo 10.0.0.7(51302) idle", kind: "postgres", rssBytes: 141 * MiB, pssBytes: 9 * MiB, anonBytes: 4 * MiB },
  { pid: 820, command: "postgres: 16/main: checkpointer", kind: "postgres", rssBytes: 130 * MiB },
  { pid: 2201, command: "/usr/bin/python3 /usr/bin/odoo --workers=4 (worker)", kind: "odoo", rssBytes: 612 * MiB, pssBytes: 590 * MiB, anonBytes: 580 * MiB },
  { pid: 2202, command: "/usr/bin/python3 /usr/bin/odoo --workers=4 (worker)", kind: "odoo", rssBytes: 388 * MiB, pssBytes: 371 * MiB },
  { pid: 1500, command: "java -Xmx2g -jar report-server.jar", kind: "other", rssBytes: 2100 * MiB },
];

describe("sortProcesses", () => {
  it("sorts by PSS (RSS where PSS is unknown), biggest first", () => {
    const pids = sortProcesses(processes, { key: "pss", dir: "desc" }).map((p) => p.pid);
    expect(pids).toEqual([1500, 4123, 2201, 2202, 820, 811, 4188]);
  });

  it("puts rows without anon last in both directions, ties by pid", () => {
    expect(sortProcesses(processes, { key: "anon", dir: "asc" }).map((p) => p.pid)).toEqual([4188, 811, 2201, 4123, 820, 1500, 2202]);
    expect(sortProcesses(processes, { key: "anon", dir: "desc" }).slice(-3).map((p) => p.pid)).toEqual([820, 1500, 2202]);
  });

  it("sorts commands as text and does not mutate its input", () => {
    const before = processes.map((p) => p.pid);
    expect(sortProcesses(processes, { key: "command", dir: "asc" })[0].command).toBe("/usr/bin/python3 /usr/bin/odoo --workers=4 (worker)");
    expect(processes.map((p) => p.pid)).toEqual(before);
  });
});

describe("joinSessions", () => {
  it("links postgres backends to the session with the same pid, never other kinds", () => {
    const sessions = [session({ pid: 4123, state: "active", query: "SELECT * FROM account_move_line" }), session({ pid: 2201 })];
    const rows = joinSessions(processes, sessions);
    expect(rows.find((r) => r.pid === 4123)?.session?.query).toBe("SELECT * FROM account_move_line");
    expect(rows.find((r) => r.pid === 811)?.session).toBeNull();
    expect(rows.find((r) => r.pid === 2201)?.session).toBeNull();
  });
});

describe("totals", () => {
  it("adds postgres processes by PSS where known and counts the RSS-only ones", () => {
    const t = totalOf(processes, "postgres");
    expect(t).toEqual({ count: 4, bytes: (31 + 1046 + 9 + 130) * MiB, rssOnly: 1 });
  });

  it("lists Odoo workers biggest first", () => {
    expect(odooWorkers(processes).map((p) => p.pid)).toEqual([2201, 2202]);
  });

  it("gives a session's memory as PSS, else RSS, else null", () => {
    expect(sessionMemoryBytes(session({ memory: { rssBytes: 141 * MiB, pssBytes: 9 * MiB } }))).toBe(9 * MiB);
    expect(sessionMemoryBytes(session({ memory: { rssBytes: 141 * MiB } }))).toBe(141 * MiB);
    expect(sessionMemoryBytes(session({ memory: null }))).toBeNull();
  });
});
