import { describe, expect, it } from "vitest";
import { recordedSnapshot, summarized, TAKEN_AT } from "./fixtures/recorded";
import { memorySettings, pgHealth, sessionCounts } from "./evaluate-postgres";

const now = TAKEN_AT + 400;

describe("session_counts", () => {
  it("counts client backends without the console's own connection", () => {
    expect(sessionCounts(recordedSnapshot(), now)).toEqual({ kind: "session_counts", status: "ok", text: "1 active of max_connections 200, 1 idle in transaction, oldest 4 s" });
  });

  it("is bad once a transaction has idled past 60 s", () => {
    const s = recordedSnapshot();
    s.postgres.sessions.find((x) => x.state === "idle in transaction")!.stateMs = 61_000;
    expect(sessionCounts(summarized(s), now)).toMatchObject({ status: "bad", text: expect.stringContaining("1 idle in transaction, oldest 1m 01s (over 1m 00s)") });
  });

  it("is bad when active sessions pass 80 % of max_connections", () => {
    const s = recordedSnapshot();
    s.postgres.settings!.maxConnections = 1;
    s.postgres.sessions.find((x) => x.state === "idle in transaction")!.state = "active";
    expect(sessionCounts(summarized(s), now)).toMatchObject({ status: "bad", text: expect.stringContaining("2 active of max_connections 1 (over 80 %)") });
  });

  it("is unknown on stale data, or when there is none", () => {
    expect(sessionCounts(recordedSnapshot(), TAKEN_AT + 6_000)).toMatchObject({ status: "unknown", text: expect.stringContaining("no data for 6 s") });
    expect(sessionCounts(null, now).status).toBe("unknown");
  });
});

describe("pg_health", () => {
  it("ok when up and not in recovery; bad when in recovery or down", () => {
    expect(pgHealth(recordedSnapshot(), now)).toMatchObject({ status: "ok" });
    const rec = recordedSnapshot();
    rec.postgres.inRecovery = true;
    expect(pgHealth(rec, now)).toMatchObject({ status: "bad", text: expect.stringContaining("in recovery") });
    const down = recordedSnapshot();
    Object.assign(down.postgres, { status: "down", error: "connection refused", inRecovery: null });
    expect(pgHealth(down, now)).toEqual({ kind: "pg_health", status: "bad", text: "PostgreSQL is down: connection refused" });
  });
});

describe("memory_settings", () => {
  it("shows the arithmetic against RAM; bad when the active sessions' worst case passes 75 % of it", () => {
    const s = recordedSnapshot();
    expect(memorySettings(s, s.host, now)).toMatchObject({ status: "ok", text: "work_mem 4 MiB, max_connections 200; 128 MiB + 1 × 4 MiB × 2 = 136 MiB = 1 % of RAM 23.6 GiB" });
    s.host!.memTotalBytes = 160 * 1024 * 1024;
    expect(memorySettings(s, s.host, now)).toMatchObject({ status: "bad", text: expect.stringContaining("= 85 % of RAM 160 MiB") });
    expect(memorySettings(s, null, now)).toMatchObject({ status: "unknown", text: expect.stringContaining("RAM unknown") });
  });
});
