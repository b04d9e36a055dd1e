import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { describeEachKind } from "../fixtures/cluster-kinds";
import { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { countMonitorConnections, openClient } from "../fixtures/pg-client";
import { nextSnapshot, until } from "../fixtures/wait";

const POLL_MS = 250;

describeEachKind("target monitor on %s", (kind) => {
  let cluster: LocalCluster;
  let monitor: TargetMonitor;
  let admin: pg.Client;

  beforeAll(async () => {
    cluster = await startCluster({ kind, settings: { max_connections: 57, work_mem: "8MB", statement_timeout: 0 } });
    admin = await openClient(cluster.url, "test-admin");
    monitor = new TargetMonitor({ id: "t1", name: "t1", postgres: { url: cluster.url } }, { pollMs: POLL_MS, consolePids: new Set() });
    monitor.start();
    await nextSnapshot(monitor, (s) => s.postgres.status === "up", 10_000);
  });

  afterAll(async () => {
    await monitor?.stop();
    await admin?.end().catch(() => {});
    await cluster?.destroy();
  });

  it("shows a new session with its fields within two intervals, and drops it after it closes", async () => {
    const victim = await openClient(cluster.url, "probe-fields");
    await victim.query("begin");
    await victim.query("select 42 as answer");
    const seen = await admin.query(
      "select pid, backend_start::text as bs, xact_start::text as xs from pg_stat_activity where application_name = 'probe-fields'",
    );
    const opened = Date.now();
    const snap = await nextSnapshot(monitor, (s) => s.postgres.sessions.some((x) => x.applicationName === "probe-fields"), 2 * POLL_MS + 500);
    expect(Date.now() - opened).toBeLessThan(2 * POLL_MS + 500);
    const row = snap.postgres.sessions.find((x) => x.applicationName === "probe-fields")!;
    expect(row).toMatchObject({
      pid: seen.rows[0].pid,
      backendStart: seen.rows[0].bs,
      xactStart: seen.rows[0].xs,
      user: "postgres",
      database: "postgres",
      state: "idle in transaction",
      backendType: "client backend",
      query: "select 42 as answer",
      clientAddr: "127.0.0.1",
      isTriage: false,
      blockedBy: [],
    });
    expect(row.backendStart).toMatch(/\.\d{6}\+00$|\.\d+[+-]\d\d/); // microseconds kept for pid reuse checks
    expect(row.xactMs).toBeGreaterThanOrEqual(0);

    await victim.end();
    await nextSnapshot(monitor, (s) => !s.postgres.sessions.some((x) => x.applicationName === "probe-fields"), 2 * POLL_MS + 500);
  });

  it("marks its own connection as the console's and keeps exactly one", async () => {
    const snap = await nextSnapshot(monitor, () => true, 2000);
    const own = snap.postgres.sessions.filter((s) => s.applicationName === "pg-triage");
    expect(own).toHaveLength(1);
    expect(own[0].isTriage).toBe(true);
    expect(await countMonitorConnections(admin)).toBe(1);
  });

  it("names the sessions blocking a lock waiter", async () => {
    await admin.query("create table if not exists locked (id int)");
    const holder = await openClient(cluster.url, "probe-holder");
    const waiter = await openClient(cluster.url, "probe-waiter");
    await holder.query("begin; lock table locked in access exclusive mode");
    const waiting = waiter.query("select * from locked").catch(() => {});
    const snap = await nextSnapshot(
      monitor,
      (s) => s.postgres.sessions.some((x) => x.applicationName === "probe-waiter" && x.waitEventType === "Lock"),
      3000,
    );
    const w = snap.postgres.sessions.find((x) => x.applicationName === "probe-waiter")!;
    const h = snap.postgres.sessions.find((x) => x.applicationName === "probe-holder")!;
    expect(w.blockedBy).toEqual([h.pid]);
    expect(h.blockedBy).toEqual([]);
    await holder.query("rollback");
    await waiting;
    await Promise.all([holder.end(), waiter.end()]);
  });

  it("reads the memory settings and per-database counters with rates", async () => {
    const before = await nextSnapshot(monitor, (s) => s.postgres.status === "up", 2000);
    expect(before.postgres.settings).toMatchObject({ maxConnections: 57, hashMemMultiplier: 2 });
    expect(before.postgres.settings!.sharedBuffersBytes).toBe(128 * 1024 * 1024);
    // The server's values, not the console session's own limits (work_mem 4MB, statement_timeout 4 s).
    expect(before.postgres.settings!.workMemBytes).toBe(8 * 1024 * 1024);
    expect(before.postgres.settings!.statementTimeoutMs).toBe(0);
    const own = await admin.query(
      "select count(*)::int as n from pg_stat_activity where application_name = 'pg-triage' and backend_type = 'client backend'",
    );
    expect(own.rows[0].n).toBe(1);
    expect(before.postgres.databases.map((d) => d.datname)).toContain("postgres");
    expect(before.postgres.databases.some((d) => d.datname === null)).toBe(false);

    // A sort bigger than work_mem spills to a temp file: temp_files grows and the rate shows it.
    const spiller = await openClient(cluster.url, "probe-spill");
    await spiller.query("set work_mem = '64kB'");
    await spiller.query("select g from generate_series(1, 200000) g order by g desc");
    await spiller.end();
    const after = await until(
      async () => {
        const s = monitor.latest()!;
        const db = s.postgres.databases.find((d) => d.datname === "postgres")!;
        return db.tempFiles > before.postgres.databases.find((d) => d.datname === "postgres")!.tempFiles ? db : undefined;
      },
      5000,
      "temp_files to grow",
    );
    expect(after.tempBytes).toBeGreaterThan(0);
    expect(after.rates).not.toBeNull();
    // Over the 20 s window the spill keeps reading as a rate poll after poll, not a one-poll spike then 0.
    const spillRate = () => monitor.latest()!.postgres.databases.find((d) => d.datname === "postgres")!.rates?.tempBytesPerSec ?? 0;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      await nextSnapshot(monitor, () => true, 2000);
      seen.push(spillRate());
    }
    expect(seen.every((r) => r > 0)).toBe(true);
  });

  it("goes down when PostgreSQL stops and recovers by itself within 5 s of it being back, with one connection", async () => {
    await cluster.stop();
    const down = await nextSnapshot(monitor, (s) => s.postgres.status === "down", 5000);
    expect(down.postgres.error).toBeTruthy();
    expect(down.postgres.error).not.toMatch(/postgres:\/\/\S*@/);
    expect(monitor.summary().postgres).toBe("down");
    // Stay down long enough for the backoff to reach its cap.
    await new Promise((r) => setTimeout(r, 6000));
    await cluster.start();
    const back = Date.now();
    await nextSnapshot(monitor, (s) => s.postgres.status === "up", 6000);
    expect(Date.now() - back).toBeLessThanOrEqual(5000);
    const fresh = await openClient(cluster.url, "test-admin-2");
    expect(await countMonitorConnections(fresh)).toBe(1);
    await fresh.end();
    admin = await openClient(cluster.url, "test-admin");
  }, 30_000);
});
