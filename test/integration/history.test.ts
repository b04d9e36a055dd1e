// Metric history against a real store and a real target: recorded by the recorder, read back through
// the route handler, across a store restart and two recorder instances (a console restart without Next).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketMsFor, type HistoryResponse } from "../../lib/metric-history";
import { parseConfig, type TriageConfig } from "../../lib/server/config";
import { startMetricRecorder } from "../../lib/server/history/recorder";
import { pruneHistory } from "../../lib/server/history/retention";
import type { MetricSampleRow } from "../../lib/server/history/sample";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import type { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { createMonitors } from "../../lib/server/monitors";
import { migrate } from "../../lib/server/store/migrate";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore, setStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { nextSnapshot, until } from "../fixtures/wait";

process.env.TRIAGE_HISTORY_INTERVAL_MS = "1000"; // the route sizes its buckets by the recording interval
const SETTINGS = { intervalMs: 1000, retentionDays: 14, problems: [] };
const POLL_MS = 250;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let storeCluster: LocalCluster;
let target: LocalCluster;
let storeUrl: string;
let db: Db;
let config: TriageConfig;
let monitors: Map<string, TargetMonitor>;
let token: string;
let GET: Handler;
const logs: string[] = [];
const log = (l: string) => logs.push(l);

const useStore = (url: string) => {
  db = createPrismaClient(url);
  setStore({ prisma: db, url, embedded: false, stop: async () => {} });
};

async function history(id: string, query: string) {
  const r = await GET(new Request(`http://127.0.0.1/api/targets/${id}/history?${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
  return { status: r.status, body: await r.json() };
}

const row = (targetId: string, at: number, over: Partial<MetricSampleRow> = {}): MetricSampleRow => ({
  targetId, at: new Date(at), postgresUp: true, hostUp: null, memTotalBytes: null, memAvailableBytes: null, swapTotalBytes: null, swapFreeBytes: null,
  swapInPerSec: null, swapOutPerSec: null, psiSomeAvg10: null, psiFullAvg10: null, oomKills: null, active: 0, idle: 0, idleInTransaction: 0,
  waitingOnLocks: null, total: 0, maxConnections: 100, tempBytes: null, cronBacklog: null, odooHttpStatus: null, odooHttpMs: null, ...over,
});

/** n rows from `from` every `stepMs`, active = i % 10, inserted by the store itself (fast). */
async function series(targetId: string, from: number, stepMs: number, n: number) {
  await db.$executeRaw`INSERT INTO "MetricSample" ("targetId", "at", "postgresUp", "active", "total")
    SELECT ${targetId}, to_timestamp((${from}::float8 + i * ${stepMs}::float8) / 1000), true, i % 10, 10 FROM generate_series(0, ${n - 1}::int) i`;
}

beforeAll(async () => {
  [storeCluster, target] = await Promise.all([startCluster(), startCluster()]);
  const a = await openClient(storeCluster.url, "store-admin");
  await a.query("create database store");
  await a.end();
  storeUrl = storeCluster.urlFor("store");
  await migrate(storeUrl);
  useStore(storeUrl);
  config = parseConfig({ targets: [{ id: "h1", postgres: { url: target.url }, host: { local: true } }, { id: "syn", postgres: { url: target.url } }, { id: "agg", postgres: { url: target.url } }] }, "test");
  monitors = createMonitors(config, POLL_MS); // only h1 is started: syn and agg hold inserted rows
  monitors.get("h1")!.start();
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  const vera = await addUser(db, { username: "vera", password: "correct-horse-9", role: "viewer" }, { scrypt: { N: 1024, r: 8, p: 1 } });
  token = (await createToken(db, vera.id, "t")).token;
  GET = (await import("../../app/api/targets/[id]/history/route")).GET;
});

afterAll(async () => {
  await Promise.all([...(monitors?.values() ?? [])].map((m) => m.stop()));
  clearStore();
  await db?.$disconnect().catch(() => {});
  await Promise.all([storeCluster?.destroy(), target?.destroy()]);
});

describe("metric history", () => {
  it("survives a console restart: rows of run 1 come back from the API in run 2; a store outage neither blocks the poll nor floods the log", async () => {
    const h1 = monitors.get("h1")!;
    // An application session: the console's own connections are not counted.
    const app = await openClient(target.url, "history-app");
    await nextSnapshot(h1, (s) => s.postgres.status === "up" && s.host?.status === "up" && s.postgres.sessions.some((x) => x.applicationName === "history-app"), 10_000);
    const run1 = startMetricRecorder(config, monitors, log, { settings: SETTINGS });
    await until(async () => (await db.metricSample.count({ where: { targetId: "h1" } })) >= 3, 15_000, "3 samples in run 1");
    const first = await db.metricSample.findFirst({ where: { targetId: "h1" }, orderBy: { at: "asc" } });
    expect(first).toMatchObject({ postgresUp: true, hostUp: true, maxConnections: 200 });
    expect(first!.total).toBeGreaterThanOrEqual(1); // history-app (the monitor's own connection is not counted)
    expect(Number(first!.memTotalBytes)).toBeGreaterThan(0);

    // The store goes away under a running recorder: the poll goes on, one log line per minute at most.
    await db.$disconnect();
    await storeCluster.stop();
    const snapshots: number[] = [];
    const count = () => snapshots.push(Date.now());
    h1.on("snapshot", count);
    await new Promise((r) => setTimeout(r, 3500));
    h1.off("snapshot", count);
    expect(snapshots.length).toBeGreaterThanOrEqual(8);
    expect(logs.filter((l) => l.includes("recording failed"))).toHaveLength(1);
    await run1.stop();
    clearStore();
    const lastOfRun1 = Date.now();

    // Run 2: the store again, a new recorder, the API.
    await storeCluster.start();
    useStore(storeUrl);
    const run2 = startMetricRecorder(config, monitors, log, { settings: SETTINGS });
    await until(async () => (await db.metricSample.count({ where: { targetId: "h1", at: { gt: new Date(lastOfRun1) } } })) >= 2, 15_000, "2 samples in run 2");
    await run2.stop();
    const r = await history("h1", "range=15m");
    expect(r.status).toBe(200);
    const body = r.body as HistoryResponse;
    expect(body.bucketMs).toBe(2000);
    const values = body.points.filter((p) => !p.gap);
    expect(values.some((p) => p.t <= first!.at.getTime() && first!.at.getTime() < p.t + body.bucketMs)).toBe(true);
    expect(values.some((p) => p.t > lastOfRun1)).toBe(true);
    expect(values.every((p) => p.postgresUp === 1 && p.total! >= 1 && p.memAvailablePercent! > 0)).toBe(true);
    await app.end();
  });

  it("retention prunes only rows older than the retention, in chunks, at the recorder's start", async () => {
    const now = Date.now();
    await series("syn", now - 20 * 86_400_000, 1000, 6000);
    await db.metricSample.createMany({ data: Array.from({ length: 3 }, (_, i) => row("syn", now - 13 * 86_400_000 + i * 1000)) });
    const before = await db.metricSample.count({ where: { targetId: "h1" } });
    const rec = startMetricRecorder(config, monitors, log, { settings: SETTINGS });
    await until(async () => (await db.metricSample.count({ where: { at: { lt: new Date(now - 14 * 86_400_000) } } })) === 0, 15_000, "old rows pruned");
    await rec.stop();
    expect(await db.metricSample.count({ where: { targetId: "syn" } })).toBe(3);
    expect(await db.metricSample.count({ where: { targetId: "h1" } })).toBeGreaterThanOrEqual(before);
    expect(logs.some((l) => l.includes("pruned 6000 samples older than 14 days"))).toBe(true);
    // Chunked: 2500 rows in chunks of 1000 are three statements, one count.
    await series("syn", now - 30 * 86_400_000, 1000, 2500);
    expect(await pruneHistory(db, new Date(now - 14 * 86_400_000), 1000)).toBe(2500);
    expect(await db.metricSample.count({ where: { targetId: "syn" } })).toBe(3);
  });

  it("stop() during a long prune returns at once: the prune stops between chunks, the rest waits for the next pass", async () => {
    const now = Date.now();
    const cutoff = new Date(now - 14 * 86_400_000);
    const old = () => db.metricSample.count({ where: { targetId: "prune-stop" } });
    await series("prune-stop", now - 40 * 86_400_000, 1000, 60_000);
    const rec = startMetricRecorder(config, monitors, log, { settings: SETTINGS, pruneChunk: 100 }); // 600 statements
    await until(async () => (await old()) < 60_000, 10_000, "the prune to start");
    const t0 = Date.now();
    await rec.stop();
    expect(Date.now() - t0).toBeLessThan(1000);
    const left = await old();
    expect(left).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await old()).toBe(left); // no chunk after stop
    expect(await pruneHistory(db, cutoff)).toBe(left);
  });

  it("downsamples 14 days to at most 600 points, with averages, counter maxima, rates and gaps on known rows", async () => {
    const now = Date.now();
    await series("syn", now - 14 * 86_400_000 + 30_000, 60_000, 14 * 1440);
    const started = Date.now();
    const wide = await history("syn", "range=14d");
    log(`14 days of 1-minute rows: ${Date.now() - started} ms`);
    expect(wide.status).toBe(200);
    expect(wide.body.points.length).toBeLessThanOrEqual(600);
    expect(wide.body.points.length).toBeGreaterThan(550);
    expect(wide.body.points.filter((p: { gap?: boolean }) => p.gap)).toHaveLength(0);

    const bucketMs = bucketMsFor(3_600_000, 1000);
    expect(bucketMs).toBe(7000);
    const base = Math.floor((now - 2 * 3_600_000) / bucketMs) * bucketMs; // align the known rows to a bucket
    const rows = Array.from({ length: 14 }, (_, k) => row("agg", base + k * 1000, { active: k, oomKills: k, tempBytes: BigInt(1000 * k) }));
    rows.push(row("agg", base + 70_000, { active: 1, oomKills: 13, tempBytes: 20_000n }));
    await db.metricSample.createMany({ data: rows });
    const r = await history("agg", `since=${new Date(base).toISOString()}&until=${new Date(base + 3_600_000).toISOString()}`);
    expect(r.status).toBe(200);
    expect(r.body.bucketMs).toBe(bucketMs);
    expect(r.body.points).toEqual([
      expect.objectContaining({ t: base, samples: 7, active: 3, oomKills: 6, tempBytes: 6000, tempBytesPerSec: null }),
      expect.objectContaining({ t: base + 7000, samples: 7, active: 10, oomKills: 13, tempBytes: 13_000, tempBytesPerSec: 1000, oomKillsDelta: 7 }),
      { t: base + 14_000, gap: true },
      expect.objectContaining({ t: base + 70_000, samples: 1, active: 1, tempBytesPerSec: null }),
    ]);
  });

  it("names the bad parameter; an unknown target is 404", async () => {
    expect(await history("h1", "range=2w")).toMatchObject({ status: 400, body: { error: { code: "invalid_input", message: expect.stringMatching(/^range: must be one of 15m, 1h/) } } });
    expect(await history("h1", "since=yesterday")).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^since: /) } } });
    expect(await history("h1", "since=2026-11-26T10:00:00Z&until=2026-11-26T09:00:00Z")).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^until: /) } } });
    expect(await history("nope", "range=1h")).toMatchObject({ status: 404 });
  });
});
