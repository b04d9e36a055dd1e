import { describe, expect, it } from "vitest";
import { HostMonitor, odooLimitsOf } from "./host-monitor";
import { LocalTransport } from "./local";

describe("Odoo memory limits in the host snapshot", () => {
  it("maps the odoo config section to limits, null when neither is set", () => {
    expect(odooLimitsOf({ limitMemorySoft: 2048, limitMemoryHard: 2560 })).toEqual({ softBytes: 2048, hardBytes: 2560 });
    expect(odooLimitsOf({ limitMemoryHard: 2560 })).toEqual({ softBytes: null, hardBytes: 2560 });
    expect(odooLimitsOf({})).toBeNull();
    expect(odooLimitsOf(undefined)).toBeNull();
  });

  it("carries them into each probe of this machine, next to every process's VSZ", async () => {
    const limits = { softBytes: 2 * 1024 ** 3, hardBytes: 2.5 * 1024 ** 3 };
    const m = new HostMonitor(new LocalTransport(), { pollMs: 60_000, odooLimits: limits });
    try {
      const snap = await m.probeOnce();
      expect(snap.odooLimits).toEqual(limits);
      expect(snap.processes.length).toBeGreaterThan(0);
      expect(snap.processes.every((p) => p.vmsBytes! >= p.rssBytes)).toBe(true);
      const bare = new HostMonitor(new LocalTransport(), { pollMs: 60_000 });
      expect((await bare.probeOnce()).odooLimits).toBeUndefined();
      await bare.stop();
    } finally {
      await m.stop();
    }
  });
});
