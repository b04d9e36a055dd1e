import { describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../snapshot";
import { recordedSnapshot, TAKEN_AT } from "./fixtures/recorded";
import { hostPressure, oomQuiet } from "./evaluate-host";

const host = (): HostSnapshot => recordedSnapshot().host!;
const MIN = 60_000;
const now = TAKEN_AT;

describe("host_pressure", () => {
  it("ok on the recorded host; bad under 10 % MemAvailable, when swapping, or when memory stalls", () => {
    expect(hostPressure(host())).toEqual({ kind: "host_pressure", status: "ok", text: "MemAvailable 88.8 %, swap in/out 0/0 pages/s, PSI full avg10 0.0" });
    const low = host();
    low.memAvailableBytes = low.memTotalBytes * 0.05;
    expect(hostPressure(low)).toMatchObject({ status: "bad", text: expect.stringContaining("MemAvailable under 10 %") });
    const swapping = host();
    swapping.swapInPerSec = 450;
    expect(hostPressure(swapping)).toMatchObject({ status: "bad", text: expect.stringContaining("swap in/out 450/0 pages/s") });
    const stalled = host();
    stalled.psi!.fullAvg10 = 12.5;
    expect(hostPressure(stalled)).toMatchObject({ status: "bad", text: expect.stringContaining("memory stalls over 5 %") });
  });

  it("unknown without a host or while its probe is down", () => {
    expect(hostPressure(null).status).toBe("unknown");
    expect(hostPressure({ ...host(), status: "down", error: "ssh: connection refused" })).toMatchObject({ status: "unknown", text: "host probe down: ssh: connection refused" });
  });
});

describe("oom_quiet", () => {
  it("unknown with less than 10 minutes of history, however quiet", () => {
    expect(oomQuiet({ now, host: host(), watchedSince: now - 3 * MIN, samples: [] })).toMatchObject({ status: "unknown", text: "oom_kill unchanged (0) but only 3m 00s of history; 10m 00s needed" });
  });

  it("ok when the console has watched the counter for 10 minutes, or a stored sample that old has today's value", () => {
    expect(oomQuiet({ now, host: host(), watchedSince: now - 11 * MIN, samples: [] })).toMatchObject({ status: "ok", text: "oom_kill unchanged (0) for 11m 00s" });
    // The console restarted 2 minutes ago; the store remembers.
    const samples = [{ t: now - 12 * MIN, value: 0 }, { t: now - 6 * MIN, value: 0 }];
    expect(oomQuiet({ now, host: host(), watchedSince: now - 2 * MIN, samples })).toMatchObject({ status: "ok", text: "oom_kill unchanged (0) for 12m 00s" });
  });

  it("bad after a kill the console saw, or when the stored counter was lower", () => {
    const killed = host();
    killed.oomKills = 3;
    killed.oomEvents = [{ at: new Date(now - 2 * MIN).toISOString(), victimPid: 4242, victimCommand: "postgres", line: null, session: null }];
    expect(oomQuiet({ now, host: killed, watchedSince: now - 30 * MIN, samples: [] })).toMatchObject({ status: "bad", text: expect.stringMatching(/^1 OOM kill\(s\) in the last 10m 00s, last at \d\d:\d\d:\d\d \(postgres pid 4242\)$/) });
    const counted = host();
    counted.oomKills = 3;
    expect(oomQuiet({ now, host: counted, watchedSince: now - MIN, samples: [{ t: now - 12 * MIN, value: 3 }, { t: now - 4 * MIN, value: 2 }] }).status).toBe("bad");
    expect(oomQuiet({ now, host: counted, watchedSince: now - MIN, samples: [{ t: now - 12 * MIN, value: 2 }] })).toMatchObject({ status: "bad", text: expect.stringContaining("rose from 2 to 3") });
  });

  it("unknown without a host, or when the counter went down (a reboot)", () => {
    expect(oomQuiet({ now, host: null, watchedSince: null, samples: [] }).status).toBe("unknown");
    expect(oomQuiet({ now, host: host(), watchedSince: null, samples: [{ t: now - 20 * MIN, value: 7 }] })).toMatchObject({ status: "unknown", text: expect.stringContaining("rebooted") });
  });
});
