// Step 3 verification against real things: an HTTP server started here plays Odoo's login page, a
// throwaway cluster holds a minimal ir_cron, and the API reads the result through its route handler.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import { migrate } from "../../lib/server/store/migrate";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore, setStore } from "../../lib/server/store/store";
import { startVerificationChecks } from "../../lib/server/verify/checks";
import { cronTarget, NOT_ODOO, readCronBacklog } from "../../lib/server/verify/cron-backlog";
import { checkOdooHttp } from "../../lib/server/verify/odoo-http";
import { getVerification } from "../../lib/server/verify/state";
import type { VerificationView } from "../../lib/verification";
import { openClient } from "../fixtures/pg-client";
import { until } from "../fixtures/wait";

/** Odoo's login page stand-in: answer, delay and what each request carried are set by the test. */
const odoo = { status: 200, delayMs: 0, location: "", requests: [] as { url: string; ua: string; cookie: string | undefined }[] };
let server: http.Server;
let base: string;

const startOdoo = () =>
  new Promise<void>((resolve) => {
    server = http.createServer((req, res) => {
      odoo.requests.push({ url: req.url ?? "", ua: req.headers["user-agent"] ?? "", cookie: req.headers.cookie });
      setTimeout(() => {
        res.writeHead(odoo.status, { "content-type": "text/html", "set-cookie": "session_id=abc; Path=/", ...(odoo.location ? { location: odoo.location } : {}) });
        res.end("<html><form>Login</form></html>");
      }, odoo.delayMs);
    });
    server.listen(0, "127.0.0.1", () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/odoo/`;
      resolve();
    });
  });

let cluster: LocalCluster;
let admin: pg.Client;
let db: Db;

beforeAll(async () => {
  await startOdoo();
  cluster = await startCluster({ kind: "embedded-18" });
  admin = await openClient(cluster.url, "verify-admin");
  await admin.query("create database odoo");
  await admin.query("create database store");
  // Ahead of UTC, so comparing nextcall with local now() instead of UTC now() would count future jobs.
  await admin.query("alter database odoo set timezone = 'Asia/Tokyo'");
  const o = await openClient(cluster.urlFor("odoo"), "verify-setup");
  await o.query(`create table ir_cron (id serial primary key, cron_name text, active boolean, nextcall timestamp without time zone);
    insert into ir_cron (cron_name, active, nextcall) values
      ('overdue 1', true, (now() at time zone 'utc') - interval '1 hour'),
      ('overdue 2', true, (now() at time zone 'utc') - interval '5 minutes'),
      ('overdue 3', true, (now() at time zone 'utc') - interval '3 days'),
      ('due in 2 h UTC (overdue in Tokyo time)', true, (now() at time zone 'utc') + interval '2 hours'),
      ('future', true, (now() at time zone 'utc') + interval '1 day'),
      ('inactive overdue', false, (now() at time zone 'utc') - interval '1 hour'),
      ('inactive future', false, (now() at time zone 'utc') + interval '1 hour')`);
  await o.end();
  await migrate(cluster.urlFor("store"));
  db = createPrismaClient(cluster.urlFor("store"));
  setStore({ prisma: db, url: cluster.urlFor("store"), embedded: false, stop: async () => {} });
});

afterAll(async () => {
  clearStore();
  await db?.$disconnect().catch(() => {});
  await admin?.end().catch(() => {});
  await cluster?.destroy();
  server?.closeAllConnections();
  server?.close();
});

describe("Odoo HTTP check", () => {
  it("reports 200 with its latency, as an anonymous pg-triage client, at <url>/web/login", async () => {
    odoo.requests.length = 0;
    odoo.delayMs = 50;
    const r = await checkOdooHttp(base);
    expect(r).toMatchObject({ status: 200, ok: true, url: `${base}web/login` });
    expect(r.error).toBeUndefined();
    expect(r.latencyMs).toBeGreaterThanOrEqual(50);
    expect(r.latencyMs).toBeLessThan(2000);
    await checkOdooHttp(base);
    // The session cookie of the first answer is never sent back.
    expect(odoo.requests).toEqual([
      { url: "/odoo/web/login", ua: "pg-triage", cookie: undefined },
      { url: "/odoo/web/login", ua: "pg-triage", cookie: undefined },
    ]);
    odoo.delayMs = 0;
  });

  it("is not ok on a 503, with the status", async () => {
    odoo.status = 503;
    const r = await checkOdooHttp(base);
    expect(r).toMatchObject({ status: 503, ok: false });
    expect(r.latencyMs).toEqual(expect.any(Number));
    odoo.status = 200;
  });

  it("reports a redirect's status and target without following it", async () => {
    odoo.requests.length = 0;
    odoo.status = 303;
    odoo.location = "/web/database/selector";
    const r = await checkOdooHttp(base);
    expect(r).toMatchObject({ status: 303, ok: false, location: "/web/database/selector" });
    expect(odoo.requests).toHaveLength(1);
    odoo.status = 200;
    odoo.location = "";
  });

  it("reports a server slower than the timeout as a timeout", async () => {
    odoo.delayMs = 1500;
    const started = Date.now();
    const r = await checkOdooHttp(base, 300);
    expect(Date.now() - started).toBeLessThan(1400); // the 1.5 s answer was not waited for
    expect(r).toMatchObject({ status: null, latencyMs: null, ok: false, error: "timed out after 300 ms" });
    odoo.delayMs = 0;
  });

  it("names a refused connection and an unknown host", async () => {
    const closedPort = await freePort();
    const refused = await checkOdooHttp(`http://127.0.0.1:${closedPort}`);
    expect(refused).toMatchObject({ status: null, ok: false });
    expect(refused.error).toMatch(/^connection refused \(ECONNREFUSED\)$/);
    const dns = await checkOdooHttp("http://no-such-host.invalid:8069");
    expect(dns.error).toMatch(/DNS lookup failed.*no-such-host\.invalid/);
  });
});

describe("cron backlog", () => {
  it("counts overdue active jobs in UTC, on a connection it closes and keeps out of actions", async () => {
    const own = new Set<number>();
    const where = cronTarget(cluster.url, "odoo");
    expect(where.database).toBe("odoo");
    expect(await readCronBacklog(where.url, own)).toEqual({ overdue: 3 });
    expect(own.size).toBe(0);
    await until(async () => (await admin.query("select count(*)::int as n from pg_stat_activity where application_name = 'pg-triage'")).rows[0].n === 0, 3000, "its connection to close");
  });

  it("uses postgres.url's database when odoo.database is not set", async () => {
    expect(cronTarget(cluster.urlFor("odoo")).database).toBe("odoo");
    expect(await readCronBacklog(cronTarget(cluster.urlFor("odoo")).url, new Set())).toEqual({ overdue: 3 });
  });

  it("is null with the reason on a database without ir_cron", async () => {
    expect(await readCronBacklog(cluster.url, new Set())).toEqual({ overdue: null, error: NOT_ODOO });
  });

  it("gives up within its limits when ir_cron is locked, and when the server is gone", async () => {
    const locker = await openClient(cluster.urlFor("odoo"), "verify-locker");
    await locker.query("begin; lock table ir_cron in access exclusive mode");
    const started = Date.now();
    const locked = await readCronBacklog(cluster.urlFor("odoo"), new Set());
    expect(Date.now() - started).toBeLessThan(4000); // lock_timeout 1 s, not the locker
    expect(locked.overdue).toBeNull();
    expect(locked.error).toMatch(/lock timeout|statement timeout/);
    await locker.query("rollback");
    await locker.end();
    const gone = await readCronBacklog(`postgres://postgres@127.0.0.1:${await freePort()}/odoo`, new Set());
    expect(gone.overdue).toBeNull();
    expect(gone.error).toMatch(/ECONNREFUSED/);
  });
});

describe("checks loop and API", () => {
  it("publishes both checks per target; GET /verification serves them with the incident and PostgreSQL health", async () => {
    const target = { id: "odoo1", name: "odoo1", postgres: { url: cluster.url }, odoo: { url: base, database: "odoo" } };
    const monitors = createMonitors({ targets: [target] }, 250);
    const monitor = monitors.get("odoo1")!;
    monitor.start();
    const checks = startVerificationChecks({ targets: [target] }, monitors, () => {}, { httpEveryMs: 200, cronEveryMs: 300 });
    try {
      await until(async () => (getVerification("odoo1")?.cronBacklogHistory.length ?? 0) >= 2 && (getVerification("odoo1")?.odooHttpHistory.length ?? 0) >= 2, 10_000, "two checks of each");
      const { addUser } = await import("../../lib/server/auth/users");
      const { createToken } = await import("../../lib/server/auth/api-tokens");
      const viewer = await addUser(db, { username: "vera", password: "correct-horse-9", role: "viewer" }, { scrypt: { N: 1024, r: 8, p: 1 } });
      const token = (await createToken(db, viewer.id, "t")).token;
      const { GET } = await import("../../app/api/targets/[id]/verification/route");
      const get = async (id: string) => {
        const r = await GET(new Request("http://127.0.0.1/x", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
        return { status: r.status, body: (await r.json()) as VerificationView };
      };
      await until(async () => monitor.latest()?.postgres.status === "up", 5000, "the monitor's first poll");

      let v = await get("odoo1");
      expect(v.status).toBe(200);
      expect(v.body).toMatchObject({
        incident: null,
        oomKillsSinceOpen: null,
        host: "none",
        odooUrlConfigured: true,
        postgres: { status: "up", inRecovery: false, sessions: { status: "ok", active: expect.any(Number), idleInTransaction: 0, oldestIdleInTransaction: null } },
        odooHttp: { status: 200, ok: true },
        cronBacklog: { overdue: 3, trend: null, database: "odoo" },
      });
      expect(v.body.odooHttpHistory.length).toBeGreaterThanOrEqual(2);

      const opened = await db.incident.create({ data: { targetId: "odoo1", title: "OOM", severity: "sev2", status: "open", openedBy: "vera", oomKillsAtOpen: 4, auditId: "a1" } });
      v = await get("odoo1");
      expect(v.body.incident).toEqual({ id: opened.id, openedAt: opened.openedAt.toISOString() });
      expect(v.body.oomKillsSinceOpen).toBeNull(); // no host configured: no counter to compare

      // The check follows Odoo going down within a couple of intervals.
      odoo.status = 503;
      await until(async () => (await get("odoo1")).body.odooHttp?.status === 503, 3000, "the 503 to show");
      odoo.status = 200;
      expect((await get("nope")).status).toBe(404);
    } finally {
      await checks.stop();
      await monitor.stop();
    }
  });
});
