import { describe, expect, it } from "vitest";
import { parseCgroups, pickCgroup } from "./cgroup";
import { fixture, fixtureLines } from "./fixtures/read";
import { splitSections } from "./probe-script";
import { parseProcesses } from "./processes";

describe("parseProcesses", () => {
  it("joins ps and smaps_rollup from the recorded probe by pid", () => {
    const s = splitSections(fixture("probe-output.txt"));
    const rows = parseProcesses(s.get("ps")!, s.get("smaps")!);
    expect(rows.length).toBeGreaterThan(5);
    const pg = rows.filter((r) => r.kind === "postgres");
    expect(pg.length).toBeGreaterThan(3);
    expect(pg.every((r) => r.command === "postgres" && r.rssBytes > 0 && r.pssBytes! > 0 && r.pssBytes! <= r.rssBytes)).toBe(true);
    expect(rows.filter((r) => r.kind === "other").length).toBeLessThanOrEqual(10);
    // ps vsz: the virtual size Odoo compares with limit_memory_soft/hard; never below RSS.
    expect(rows.every((r) => r.vmsBytes! >= r.rssBytes)).toBe(true);
    expect(rows.find((r) => r.kind === "odoo")).toMatchObject({ command: "python3", rssBytes: 54628 * 1024, vmsBytes: 57516 * 1024 });
  });

  it("keeps a process that vanished mid-read with its RSS and without PSS", () => {
    const s = splitSections(fixture("ps-vanished.txt"));
    const rows = parseProcesses(s.get("ps")!, s.get("smaps")!);
    const by = new Map(rows.map((r) => [r.pid, r]));
    expect(by.get(4201)).toMatchObject({ kind: "postgres", rssBytes: 512000 * 1024, pssBytes: 400000 * 1024, ppid: 4100 });
    expect(by.get(4201)!.anonBytes).toBeUndefined();
    expect(by.get(4202)!.pssBytes).toBeUndefined(); // truncated line
    expect(by.get(5300)).toMatchObject({ kind: "odoo", command: "python3", rssBytes: 402112 * 1024, vmsBytes: 2202560 * 1024 });
    expect(by.get(5300)!.pssBytes).toBeUndefined();
    expect(by.get(6000)).toMatchObject({ kind: "other", command: "node" });
  });
});

describe("parseCgroups", () => {
  it("reads cgroup v2 memory of a postmaster and picks the target's", () => {
    const cgs = parseCgroups([
      "postmaster 4100 /system.slice/postgresql@15-main.service",
      "current 2147483648",
      "max 4294967296",
      "events low 0",
      "events oom 2",
      "events oom_kill 1",
      "postmaster 7100 /system.slice/postgresql@16-main.service",
      "current 1000",
      "max max",
    ]);
    expect(cgs[0]).toEqual({ postmasterPid: 4100, path: "/system.slice/postgresql@15-main.service", memoryCurrentBytes: 2147483648, memoryMaxBytes: 4294967296, oomKills: 1 });
    expect(cgs[1].memoryMaxBytes).toBeNull();
    expect(pickCgroup(cgs, new Set([7100]))!.postmasterPid).toBe(7100);
    expect(pickCgroup(cgs, new Set())).toBeNull();
    expect(pickCgroup([], new Set([1]))).toBeNull();
    expect(fixtureLines("probe-output.txt")).toContain("@@cgroup"); // this machine: cgroup v1, no section body
  });
});
