import { describe, expect, it } from "vitest";
import { fixture, fixtureLines } from "./fixtures/read";
import { parseVmstat, vmstatRates } from "./vmstat";

/** The recorded sequence: "--- t=<ms>" then a full /proc/vmstat. */
export function vmstatSequence() {
  return fixture("vmstat-oom-sequence.txt")
    .split(/^--- t=/m)
    .filter(Boolean)
    .map((chunk) => {
      const [t, ...lines] = chunk.split("\n");
      return parseVmstat(lines, Number(t));
    });
}

describe("parseVmstat", () => {
  it("keeps the counters the probe needs from the recorded /proc/vmstat", () => {
    const v = parseVmstat(fixtureLines("vmstat.txt"), 0);
    expect(v.oomKill).toBe(0);
    expect(v.pgmajfault).toBeGreaterThan(0);
    expect(parseVmstat(["pswpin 1", "pswpout 2"], 0).oomKill).toBeNull(); // kernels before 4.13
  });

  it("turns swap counters into per-second rates, null on the first sample or a reset", () => {
    const [a, b, c] = vmstatSequence();
    expect(vmstatRates(null, a)).toBeNull();
    expect(vmstatRates(a, b)).toEqual({ swapInPerSec: 40, swapOutPerSec: 120, majorFaultsPerSec: 21 });
    expect(vmstatRates(b, c)!.swapOutPerSec).toBe(280);
    expect(vmstatRates(c, { ...a, atMs: c.atMs + 1000 })).toBeNull();
  });
});
