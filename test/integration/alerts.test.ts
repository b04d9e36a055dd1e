// Alerts against a real cluster and a real store, with webhook receivers served by this test: a real
// idle-in-transaction session crosses the threshold; flapping within the cool-down sends nothing more;
// a webhook that answers 500 or is not there is retried with backoff, then recorded failed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../lib/server/config";
import { startAlerts } from "../../lib/server/alerts/engine";
import { firingAlerts } from "../../lib/server/alerts/state";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import type { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { createMonitors } from "../../lib/server/monitors";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import type { WorkflowService } from "../../lib/server/workflow";
import { openTestStore } from "../fixtures/test-store";
import { openClient } from "../fixtures/pg-client";
import { until } from "../fixtures/wait";

const POLL_MS = 250;
const SECRET = "T000/B000/s3cr3t-token";

interface Hit {
  at: number;
  body: { text: string; targetId: string; rule: string; state: string; value: number; threshold: number; at: string };
}

/** A webhook receiver that records every POST and answers `status`. */
async function receiver(status: number) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      hits.push({ at: Date.now(), body: JSON.parse(data) });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${SECRET}`;
  return { hits, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let storeCluster: LocalCluster;
let target: LocalCluster;
let db: Db;
let monitors: Map<string, TargetMonitor>;
let engine: WorkflowService;
let ok: Awaited<ReturnType<typeof receiver>>;
let failing: Awaited<ReturnType<typeof receiver>>;
let closedUrl: string;
let token: string;
let GET: Handler;
let tx: pg.Client;
/** When the a-500 monitor published, from the start. */
const ticks: number[] = [];
const logs: string[] = [];

const events = (targetId: string) => db.alertEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
const firingPosts = () => ok.hits.filter((h) => h.body.state === "firing");

beforeAll(async () => {
  [storeCluster, target] = await Promise.all([startCluster(), startCluster()]);
  ({ db } = await openTestStore(storeCluster));
  [ok, failing] = await Promise.all([receiver(200), receiver(500)]);
  const gone = await receiver(200);
  closedUrl = gone.url;
  await gone.close();
  const alerts = (url: string) => ({ idleInTransactionCountAbove: 0, cooldownSeconds: 600, webhook: { url } });
  const config = parseConfig(
    {
      targets: [
        { id: "a-ok", name: "prod db", postgres: { url: target.url }, alerts: alerts(ok.url) },
        { id: "a-500", postgres: { url: target.url }, alerts: alerts(failing.url) },
        { id: "a-closed", postgres: { url: target.url }, alerts: alerts(closedUrl) },
      ],
    },
    "test",
  );
  monitors = createMonitors(config, POLL_MS);
  engine = startAlerts(config, monitors, (l) => logs.push(l));
  monitors.get("a-500")!.on("snapshot", () => ticks.push(Date.now()));
  for (const m of monitors.values()) m.start();
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  const vera = await addUser(db, { username: "vera", password: "correct-horse-9", role: "viewer" }, { scrypt: { N: 1024, r: 8, p: 1 } });
  token = (await createToken(db, vera.id, "t")).token;
  GET = (await import("../../app/api/targets/[id]/alerts/route")).GET;
  tx = await openClient(target.url, "idle-in-tx");
  await until(async () => [...monitors.values()].every((m) => m.latest()?.postgres.status === "up"), 15_000, "all monitors up");
});

afterAll(async () => {
  await engine?.stop();
  await Promise.all([...(monitors?.values() ?? [])].map((m) => m.stop()));
  await tx?.end().catch(() => {});
  await Promise.all([ok?.close(), failing?.close()]);
  clearStore();
  await db?.$disconnect().catch(() => {});
  await Promise.all([storeCluster?.destroy(), target?.destroy()]);
});

async function alertsApi(id: string) {
  const r = await GET(new Request(`http://127.0.0.1/api/targets/${id}/alerts`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
  return { status: r.status, body: await r.json() };
}

describe("alerts", () => {
  it("a session idle in transaction crosses the threshold: one POST to the webhook, the banner state and an event row", async () => {
    expect(firingAlerts("a-ok")).toEqual([]);
    await tx.query("begin; select 1");
    await until(async () => firingPosts().length === 1, 10_000, "the firing POST");
    expect(firingPosts()[0].body).toEqual({
      text: "[pg-triage] FIRING prod db: sessions idle in transaction: 1 &gt; 0",
      targetId: "a-ok",
      rule: "idle_in_transaction_count",
      state: "firing",
      value: 1,
      threshold: 0,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const api = await alertsApi("a-ok");
    expect(api.status).toBe(200);
    expect(api.body.firing).toEqual([{ rule: "idle_in_transaction_count", message: "sessions idle in transaction: 1 > 0", value: 1, threshold: 0, since: firingPosts()[0].body.at }]);
    await until(async () => (await events("a-ok"))[0]?.webhook === "sent", 5000, "the event row marked sent");
    expect(api.body.recent[0]).toMatchObject({ rule: "idle_in_transaction_count", state: "firing" });
  });

  it("flapping within the cool-down sends no second firing POST; every transition is still recorded", async () => {
    const flap = async (sql: string, state: string, n: number) => {
      await tx.query(sql);
      await until(async () => (await events("a-ok")).filter((e) => e.state === state).length === n, 10_000, `${n} ${state} events`);
    };
    await flap("commit", "resolved", 1);
    await flap("begin; select 1", "firing", 2);
    await flap("commit", "resolved", 2);
    await flap("begin; select 1", "firing", 3);
    await new Promise((r) => setTimeout(r, 1000));
    expect(firingPosts()).toHaveLength(1);
    expect(ok.hits.map((h) => h.body.state)).toEqual(["firing", "resolved"]); // the resolution of the sent firing only
    const rows = await events("a-ok");
    expect(rows.map((e) => `${e.state}:${e.webhook}`)).toEqual(["firing:sent", "resolved:sent", "firing:skipped_cooldown", "resolved:skipped_cooldown", "firing:skipped_cooldown"]);
    expect((await alertsApi("a-ok")).body.firing).toHaveLength(1);
  });

  it("a webhook answering 500, or not there, is retried with backoff (1, 2, 4, 8 s) and recorded failed; the monitor keeps polling on time", async () => {
    await until(async () => (await events("a-500"))[0]?.webhook === "failed", 25_000, "the 500 webhook given up");
    const tries = failing.hits.filter((h) => h.body.state === "firing" && h.body.at === failing.hits[0].body.at);
    expect(tries).toHaveLength(5);
    const gaps = tries.slice(1).map((h, i) => h.at - tries[i].at);
    [1000, 2000, 4000, 8000].forEach((d, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(d - 50);
      expect(gaps[i]).toBeLessThan(d + 1500);
    });
    const row = (await events("a-500"))[0];
    expect(row.webhookError).toMatch(/^HTTP 500 from 127\.0\.0\.1:\d+ \(after 5 tries\)$/);
    // Polls went on every interval while the webhook was retried.
    const during = ticks.filter((t) => t >= tries[0].at && t <= tries[4].at);
    const pollGaps = during.slice(1).map((t, i) => t - during[i]);
    expect(during.length).toBeGreaterThan((tries[4].at - tries[0].at) / POLL_MS - 5);
    expect(Math.max(...pollGaps)).toBeLessThan(4 * POLL_MS);

    await until(async () => (await events("a-closed"))[0]?.webhook === "failed", 25_000, "the closed webhook given up");
    expect((await events("a-closed"))[0].webhookError).toMatch(/^cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) \(after 5 tries\)$/);
    // A webhook's path is its secret: never logged, never stored.
    expect(logs.some((l) => l.includes("HTTP 500 from 127.0.0.1"))).toBe(true);
    expect(logs.join("\n")).not.toContain("s3cr3t");
    const all = await db.alertEvent.findMany();
    expect(JSON.stringify(all, (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("s3cr3t");
  });
});
