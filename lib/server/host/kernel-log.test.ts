import { describe, expect, it } from "vitest";
import { fixture } from "./fixtures/read";
import { oomKillLines, parseKernelLog, parseOomKill } from "./kernel-log";
import { splitSections } from "./probe-script";

describe("kernel log", () => {
  it("finds the victim of an OOM kill in dmesg lines, once per kill", () => {
    const log = parseKernelLog(splitSections(fixture("kernel-log-dmesg.txt")));
    expect(log.source).toBe("dmesg");
    const kills = oomKillLines(log);
    expect(kills).toHaveLength(1);
    expect(kills[0]).toMatchObject({ pid: 4201, command: "postgres" });
    expect(kills[0].line).toMatch(/Out of memory: Killed process 4201/);
    expect(parseOomKill("oom-kill:constraint=CONSTRAINT_MEMCG,task=python3,pid=77,uid=1")).toMatchObject({ pid: 77, command: "python3" });
    expect(parseOomKill("Out of memory: Kill process 12 (odoo) score 900")).toMatchObject({ pid: 12, command: "odoo" });
    expect(parseOomKill("usb 1-1: new device")).toBeNull();
  });

  it("says so when the kernel log is not readable", () => {
    const log = parseKernelLog(splitSections(fixture("kernel-log-denied.txt")));
    expect(log.source).toBeNull();
    expect(log.denied).toMatch(/kernel log not readable: dmesg: read kernel buffer failed: Operation not permitted/);
  });
});
