import { describe, expect, it } from "vitest";
import { fixtureLines } from "./fixtures/read";
import { KernelLines } from "./kernel-source";

const NOW = new Date("2026-11-26T18:30:00Z");
const PLAIN = "[ 8123.441420] Out of memory: Killed process 4201 (postgres) total-vm:2488408kB, anon-rss:1901232kB";
const LATER = "[ 9001.000001] Out of memory: Killed process 5120 (python3) total-vm:1866820kB, anon-rss:1048576kB";

describe("KernelLines", () => {
  it("waits for the first read, and passes a denial on with its reason", () => {
    const k = new KernelLines();
    expect(k.take(null, NOW).outcome.status).toBe("pending");
    const d = k.take({ source: null, denied: "kernel log not readable: dmesg: read kernel buffer failed: Operation not permitted", lines: [] }, NOW);
    expect(d.outcome).toEqual({ status: "unreadable", error: "kernel log not readable: dmesg: read kernel buffer failed: Operation not permitted" });
  });
  it("keeps old undated kills as the baseline and passes on what is new", () => {
    const k = new KernelLines();
    expect(k.take({ source: "dmesg", lines: [PLAIN] }, NOW)).toEqual({ outcome: { status: "ok" }, lines: [] });
    const log = { source: "dmesg" as const, lines: [PLAIN, LATER] };
    expect(k.take(log, NOW).lines).toEqual([LATER]);
    expect(k.take(log, NOW).lines).toEqual([]); // the same read again
  });
  it("takes dated lines from the first read (their time is known)", () => {
    const lines = fixtureLines("kernel-dmesg-t.txt");
    expect(new KernelLines().take({ source: "dmesg", lines }, NOW).lines).toEqual(lines);
  });
});
