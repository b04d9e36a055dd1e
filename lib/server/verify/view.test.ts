import { describe, expect, it } from "vitest";
import type { HostSnapshot, Session, Snapshot } from "../../snapshot";
import { oomKillsSince, postgresHealth } from "./view";

const host = (status: "up" | "down", oomKills: number) => ({ status, oomKills }) as HostSnapshot;
const session = (state: string, backendType = "client backend") => ({ state, backendType }) as Session;
const snap = (postgres: Partial<Snapshot["postgres"]>) =>
  ({ postgres: { status: "up", inRecovery: false, sessions: [], lastPollAt: "2026-11-26T10:00:00.000Z", ...postgres } }) as Snapshot;

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

describe("postgresHealth", () => {
  it("counts client backends by state and says whether the server is in recovery", () => {
    const h = postgresHealth(snap({ inRecovery: true, sessions: [session("active"), session("active"), session("idle in transaction"), session("idle"), session(null as never, "checkpointer")] }));
    expect(h).toEqual({ status: "up", inRecovery: true, active: 2, idleInTransaction: 1, lastPollAt: "2026-11-26T10:00:00.000Z" });
  });
  it("has no counts while down or before the first poll", () => {
    expect(postgresHealth(snap({ status: "down", error: "connection refused" }))).toMatchObject({ status: "down", error: "connection refused", active: null, inRecovery: null });
    expect(postgresHealth(null)).toMatchObject({ status: "starting", lastPollAt: null });
  });
});
