import { describe, expect, it } from "vitest";
import { counterRise, oomKillsInQuietWindow, oomKillsSince, oomQuietAt, OOM_QUIET_MS } from "./oom-state";
import type { HostSnapshot, OomEvent } from "./snapshot";

const host = (status: "up" | "down", oomKills: number) => ({ status, oomKills }) as HostSnapshot;

describe("counterRise", () => {
  it("is the difference while the counter grows, and the new value after a reset", () => {
    expect(counterRise(4, 7)).toEqual({ rise: 3, reset: false });
    expect(counterRise(4, 4)).toEqual({ rise: 0, reset: false });
    expect(counterRise(9, 2)).toEqual({ rise: 2, reset: true });
  });
});

describe("oomKillsSince", () => {
  it("is the counter's rise since the open", () => {
    expect(oomKillsSince(4, host("up", 4))).toBe(0);
    expect(oomKillsSince(4, host("up", 7))).toBe(3);
  });
  it("is null without a counter at the open, a host up now, or after the counter went back (reboot)", () => {
    expect(oomKillsSince(null, host("up", 7))).toBeNull();
    expect(oomKillsSince(4, null)).toBeNull();
    expect(oomKillsSince(4, host("down", 7))).toBeNull();
    expect(oomKillsSince(4, host("up", 1))).toBeNull();
  });
});

describe("the quiet window", () => {
  const now = Date.parse("2026-11-26T10:20:00Z");
  const kill = (at: string) => ({ at, victimPid: 1, victimCommand: "postgres", line: null, session: null }) as OomEvent;
  it("lists the kills seen within OOM_QUIET_MS, newest first", () => {
    const h = { oomEvents: [kill("2026-11-26T10:15:00Z"), kill("2026-11-26T10:10:00Z"), kill("2026-11-26T10:09:59Z")] } as HostSnapshot;
    expect(oomKillsInQuietWindow(h, now).map((e) => e.at)).toEqual(["2026-11-26T10:15:00Z", "2026-11-26T10:10:00Z"]);
  });
  it("is quiet OOM_QUIET_MS after the last kill, or when none was seen", () => {
    expect(oomQuietAt(null, now)).toBe(true);
    expect(oomQuietAt(now - OOM_QUIET_MS + 1, now)).toBe(false);
    expect(oomQuietAt(now - OOM_QUIET_MS, now)).toBe(true);
  });
});
