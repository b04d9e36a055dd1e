import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import type { Snapshot } from "../../lib/snapshot";
import type { SocketError } from "../../lib/socket-events";
import { countMonitorConnections, openClient } from "../fixtures/pg-client";
import { startHub, type TestSocket } from "../fixtures/hub-server";
import { nextSnapshot } from "../fixtures/wait";

const POLL_MS = 250;

const once = <T>(s: TestSocket, event: "snapshot" | "history" | "triage:error" | "connect_error", ms = 3000) =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    (s as unknown as { once(e: string, f: (v: T) => void): void }).once(event, (v: T) => {
      clearTimeout(t);
      resolve(v);
    });
  });

describe("realtime hub", () => {
  let cluster: LocalCluster;
  let monitor: TargetMonitor;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let admin: pg.Client;

  beforeAll(async () => {
    cluster = await startCluster({ settings: { shared_preload_libraries: "pg_stat_statements" } });
    admin = await openClient(cluster.url, "test-admin");
    await admin.query("create extension pg_stat_statements");
    monitor = new TargetMonitor({ id: "db1", name: "db1", postgres: { url: cluster.url } }, { pollMs: POLL_MS, consolePids: new Set() });
    monitor.start();
    await nextSnapshot(monitor, (s) => s.postgres.status === "up", 10_000);
    hub = await startHub(new Map([["db1", monitor]]));
  });

  afterAll(async () => {
    await hub?.close();
    await monitor?.stop();
    await admin?.end().catch(() => {});
    await cluster?.destroy();
  });

  it("gives a new subscriber the cached snapshot and history at once", async () => {
    const s = hub.connect();
    const history = once<{ targetId: string; points: unknown[] }>(s, "history");
    const snap = once<Snapshot>(s, "snapshot", 200); // well before the next tick could produce one
    s.emit("subscribe", { targetId: "db1" });
    expect((await history).targetId).toBe("db1");
    expect((await history).points.length).toBeGreaterThan(0);
    expect((await snap).takenAt).toBe(monitor.latest()!.takenAt);
  });

  it("with 20 viewers keeps one monitoring connection and one activity read per tick", async () => {
    const viewers = Array.from({ length: 20 }, () => hub.connect());
    const received = new Array(20).fill(0);
    viewers.forEach((v, i) => v.on("snapshot", () => received[i]++));
    viewers.forEach((v) => v.emit("subscribe", { targetId: "db1" }));
    await admin.query("select pg_stat_statements_reset()");
    const before = { ...monitor.stats };
    await new Promise((r) => setTimeout(r, 10 * POLL_MS));
    const polls = monitor.stats.polls - before.polls;
    // Counted by the database itself: statements over pg_stat_activity run by the console's role.
    const reads = await admin.query(
      "select coalesce(sum(calls), 0)::int as n from pg_stat_statements where query ilike '%from pg_stat_activity%' and query not ilike '%pg_stat_statements%' and query not ilike '%count(*)%'",
    );
    expect(Math.abs(reads.rows[0].n - polls)).toBeLessThanOrEqual(1); // a tick may straddle the window's edges
    expect(polls).toBeGreaterThanOrEqual(8);
    expect(polls).toBeLessThanOrEqual(11);
    expect(monitor.stats.connects - before.connects).toBe(0);
    expect(await countMonitorConnections(admin)).toBe(1);
    // Every viewer got (about) every tick.
    for (const n of received) expect(n).toBeGreaterThanOrEqual(polls - 1);
    viewers.forEach((v) => v.close());
  });

  it("answers an unknown or malformed target with an error event, not silence", async () => {
    const s = hub.connect();
    const err = once<SocketError>(s, "triage:error");
    s.emit("subscribe", { targetId: "nope" });
    expect(await err).toMatchObject({ code: "unknown_target", targetId: "nope", message: 'unknown target "nope"' });
    const bad = once<SocketError>(s, "triage:error");
    s.emit("subscribe", { targetId: "../etc" } as never);
    expect(await bad).toMatchObject({ code: "bad_request" });
    expect((await bad).message).toMatch(/targetId may hold/);
  });

  it("refuses a socket from a foreign Origin", async () => {
    const s = hub.connect({ origin: "http://evil.example" });
    const e = await once<Error>(s, "connect_error");
    expect(e.message).toMatch(/origin not allowed|websocket error/i);
    expect(s.connected).toBe(false);
  });
});
