// Cancel / terminate / bulk against real PostgreSQL (18, and 15 where installed) with a real store:
// the victim's own error is the proof, the audit rows are read back from the store.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "../../lib/audit";
import { confirmBulk, previewBulk } from "../../lib/server/actions/bulk";
import { closeActionConnections } from "../../lib/server/actions/registry";
import { cancelSession, terminateSession } from "../../lib/server/actions/single";
import { setAuditKey } from "../../lib/server/audit/key";
import { availableClusterKinds, startCluster, type ClusterKind, type LocalCluster } from "../../lib/server/local-cluster";
import { describeEachKind } from "../fixtures/cluster-kinds";
import type { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { consolePids, createMonitors } from "../../lib/server/monitors";
import { migrate } from "../../lib/server/store/migrate";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore, setStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { nextSnapshot, until } from "../fixtures/wait";

const POLL_MS = 200;
const kinds = availableClusterKinds();
const actor: AuditActor = { userId: "u1", username: "alice", role: "operator", via: "session", sessionId: "s1", clientAddr: "127.0.0.1", userAgent: "vitest" };

let store: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
const clusters = new Map<ClusterKind, LocalCluster>();
let monitors: Map<string, TargetMonitor>;
const open: pg.Client[] = [];

async function client(url: string, app: string): Promise<pg.Client> {
  const c = await openClient(url, app);
  open.push(c);
  return c;
}

/** pid and backend_start (as PostgreSQL prints it) of the one session with this application_name. */
async function idOf(admin: pg.Client, app: string, state?: string): Promise<{ pid: number; backendStart: string }> {
  return until(
    async () => {
      const r = await admin.query("select pid, backend_start::text as bs from pg_stat_activity where application_name = $1 and ($2::text is null or state = $2)", [app, state ?? null]);
      return r.rows.length === 1 ? { pid: r.rows[0].pid as number, backendStart: r.rows[0].bs as string } : undefined;
    },
    5000,
    `session ${app}${state ? ` ${state}` : ""}`,
  );
}

/** A session running pg_sleep; `error` resolves with what its query failed with (or null). */
async function sleeper(url: string, admin: pg.Client, app: string, seconds = 30) {
  const c = await client(url, app);
  const error = c.query(`select pg_sleep(${seconds})`).then(
    () => null,
    (e: { code?: string; message: string }) => e,
  );
  return { c, error, ...(await idOf(admin, app, "active")) };
}

async function auditRows(intentOrOutcomeId: string) {
  const r = await storeRaw.query(
    `select id::text, phase, "intentId"::text as "intentId", action, "targetId", username, subject, sql, outcome, message from "AuditEvent" where id = $1 or "intentId" = $1 order by id`,
    [intentOrOutcomeId],
  );
  return r.rows;
}

beforeAll(async () => {
  store = await startCluster({ kind: "embedded-18" });
  const a = await openClient(store.url, "store-admin");
  await a.query("create database store");
  await a.end();
  await migrate(store.urlFor("store"));
  db = createPrismaClient(store.urlFor("store"));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  setAuditKey("k".repeat(40));

  const targets = [];
  for (const kind of kinds) {
    const c = await startCluster({ kind });
    clusters.set(kind, c);
    const admin = await openClient(c.url, "setup");
    await admin.query(`create role app login; create role triage_console login in role pg_monitor, pg_signal_backend;
      create role weak_console login in role pg_monitor; create table t (id int); grant all on t to app`);
    await admin.end();
    targets.push({ id: `t-${kind}`, name: `pg ${kind}`, postgres: { url: c.url } });
    targets.push({ id: `n-${kind}`, name: `pg ${kind} (non-superuser console)`, postgres: { url: c.urlFor("postgres", "triage_console") } });
    targets.push({ id: `w-${kind}`, name: `pg ${kind} (console without pg_signal_backend)`, postgres: { url: c.urlFor("postgres", "weak_console") } });
  }
  monitors = createMonitors({ targets }, POLL_MS);
  for (const m of monitors.values()) m.start();
  await Promise.all([...monitors.values()].map((m) => nextSnapshot(m, (s) => s.postgres.status === "up", 10_000)));
});

afterAll(async () => {
  await closeActionConnections();
  await Promise.all([...(monitors?.values() ?? [])].map((m) => m.stop()));
  await Promise.all(open.map((c) => c.end().catch(() => {})));
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  for (const c of clusters.values()) await c.destroy();
  await store?.destroy();
});

describeEachKind("actions on %s", (kind) => {
  let cluster: LocalCluster;
  let admin: pg.Client;
  const T = `t-${kind}`;
  const appUrl = () => cluster.urlFor("postgres", "app");

  beforeAll(async () => {
    cluster = clusters.get(kind)!;
    admin = await client(cluster.url, "test-admin");
  });

  it("cancel: the pg_sleep victim fails with 57014, keeps its connection, and the audit has intent and outcome", async () => {
    const v = await sleeper(cluster.url, admin, "victim-cancel");
    const r = await cancelSession(T, v.pid, v.backendStart, { actor, reason: "report eats RAM", db });
    expect(r).toMatchObject({ ok: true, result: { signalled: true, goneAfter: true, warnings: [] } });
    expect((await v.error)?.code).toBe("57014");
    expect((await v.c.query("select 1 as one")).rows[0].one).toBe(1);
    if (!r.ok) return;
    expect(r.result.session).toMatchObject({ pid: v.pid, backendStart: v.backendStart, applicationName: "victim-cancel", state: "active" });
    const rows = await auditRows(r.auditId);
    expect(rows.map((x) => [x.phase, x.action, x.outcome])).toEqual([
      ["intent", "session.cancel", null],
      ["outcome", "session.cancel", "ok"],
    ]);
    expect(rows[0]).toMatchObject({ targetId: T, username: "alice", subject: { pid: v.pid, query: "select pg_sleep(30)" } });
    expect(rows[0].sql).toMatch(/^select pg_cancel_backend\(pid\) as signalled[\s\S]*-- \$1 = \d+, \$2 = '/);
  });

  it("terminate: an idle-in-transaction victim that has written gets 57P01 / connection terminated", async () => {
    const c = await client(appUrl(), "victim-terminate");
    await c.query("begin");
    await c.query("insert into t values (1)");
    const v = await idOf(admin, "victim-terminate", "idle in transaction");
    // An idle client hears of it as an 'error' event (the server's FATAL), then cannot query any more.
    const fatal = new Promise<{ code?: string }>((res) => c.once("error", res));
    const r = await terminateSession(T, v.pid, v.backendStart, { actor, db });
    expect(r).toMatchObject({ ok: true, result: { signalled: true, goneAfter: true } });
    if (r.ok) {
      expect(r.result.warnings[0]).toMatch(/rolled back/);
      expect(r.result.warnings[1]).toMatch(/backend_xid/);
      expect((await auditRows(r.auditId)).map((x) => x.outcome)).toEqual([null, "ok"]);
    }
    expect((await fatal).code).toBe("57P01");
    const e = await c.query("select 1").then(() => null, (err: Error) => err);
    expect(e).toBeInstanceOf(Error);
    expect((await admin.query("select count(*)::int as n from t")).rows[0].n).toBe(0);
  });

  it("pid reuse: the old backend_start on a pid that now belongs to another session is a 409, audited, nothing signalled", async () => {
    const old = await client(cluster.url, "victim-old");
    const gone = await idOf(admin, "victim-old");
    await old.end();
    await until(async () => (await admin.query("select 1 from pg_stat_activity where pid = $1", [gone.pid])).rowCount === 0, 3000, "old victim gone");
    const fresh = await sleeper(cluster.url, admin, "victim-new", 5);
    const r = await cancelSession(T, fresh.pid, gone.backendStart, { actor, db });
    expect(r).toMatchObject({ ok: false, status: 409, code: "pid_reused", message: "pid now belongs to another session" });
    if (!r.ok) expect((await auditRows(r.auditId!)).map((x) => [x.phase, x.outcome, x.message])).toEqual([["outcome", "refused", "pid now belongs to another session"]]);
    await new Promise((res) => setTimeout(res, 200));
    expect((await admin.query("select state from pg_stat_activity where pid = $1", [fresh.pid])).rows[0].state).toBe("active");
    const nf = await cancelSession(T, gone.pid, gone.backendStart, { actor, db });
    if (nf.ok || nf.code !== "pid_reused") expect(nf).toMatchObject({ ok: false, status: 404, code: "not_found", message: `pid ${gone.pid} is not a session on pg ${kind} any more` });
    await admin.query("select pg_cancel_backend($1)", [fresh.pid]);
    expect((await fresh.error)?.code).toBe("57014");
  });

  it("refuses the console's own connections, the checkpointer and the autovacuum launcher, naming why", async () => {
    // Opens the action connection first, so it is one of the console's own too.
    expect((await cancelSession(T, 999_999, "2026-01-01 00:00:00+00", { actor, db })).ok).toBe(false);
    const own = await admin.query("select pid, backend_start::text as bs, application_name from pg_stat_activity where application_name like 'pg-triage%' and usename = 'postgres'");
    expect(own.rows.map((x) => x.application_name).sort()).toEqual(["pg-triage", "pg-triage-action"]);
    for (const row of own.rows) {
      expect(consolePids().has(row.pid)).toBe(true);
      const r = await terminateSession(T, row.pid, row.bs, { actor, db });
      expect(r).toMatchObject({ ok: false, status: 403, code: "refused", message: expect.stringMatching(/console's own/) });
    }
    for (const type of ["checkpointer", "autovacuum launcher"]) {
      const b = (await admin.query("select pid, backend_start::text as bs from pg_stat_activity where backend_type = $1", [type])).rows[0];
      const r = await terminateSession(T, b.pid, b.bs, { actor, db });
      expect(r).toMatchObject({ ok: false, status: 403, code: "refused", message: `pid ${b.pid} is a ${type} process, not a client session: only client backends can be signalled` });
      if (!r.ok) expect((await auditRows(r.auditId!))[0]).toMatchObject({ outcome: "refused", action: "session.terminate" });
    }
    const still = await admin.query("select count(*)::int as n from pg_stat_activity where application_name like 'pg-triage%' and usename = 'postgres'");
    expect(still.rows[0].n).toBe(2);
  });

  it("acts over its own connection, not the monitor's, and reopens it after it was killed", async () => {
    const conns = async () =>
      (await admin.query("select pid, application_name as app from pg_stat_activity where usename = 'postgres' and application_name like 'pg-triage%' order by 2")).rows;
    const before = await conns();
    expect(before.map((x) => x.app)).toEqual(["pg-triage", "pg-triage-action"]);
    const actionPid = before[1].pid as number;
    await admin.query("select pg_terminate_backend($1)", [actionPid]);
    await until(async () => !consolePids().has(actionPid), 3000, "the killed action connection to leave consolePids");
    const v = await sleeper(cluster.url, admin, "victim-after-reconnect");
    expect(await cancelSession(T, v.pid, v.backendStart, { actor, db })).toMatchObject({ ok: true });
    expect((await v.error)?.code).toBe("57014");
    const after = await conns();
    expect(after.map((x) => x.app)).toEqual(["pg-triage", "pg-triage-action"]);
    expect(after[0].pid).toBe(before[0].pid); // the monitor's connection was never touched
    expect(consolePids().has(after[1].pid)).toBe(true);
  });

  it("a non-superuser console refuses superuser backends up front and cancels ordinary ones", async () => {
    const su = await sleeper(cluster.url, admin, "victim-superuser", 5);
    const r = await cancelSession(`n-${kind}`, su.pid, su.backendStart, { actor, db });
    expect(r).toMatchObject({ ok: false, status: 403, code: "refused", message: "the console's role cannot signal superuser backends (needs superuser)" });
    const app = await sleeper(appUrl(), admin, "victim-app");
    expect(await cancelSession(`n-${kind}`, app.pid, app.backendStart, { actor, db })).toMatchObject({ ok: true, result: { signalled: true } });
    expect((await app.error)?.code).toBe("57014");
    await admin.query("select pg_cancel_backend($1)", [su.pid]);
    await su.error;
  });

  it("PostgreSQL's own permission refusal (42501) is reported and audited, not swallowed", async () => {
    const app = await sleeper(appUrl(), admin, "victim-42501", 5);
    const r = await cancelSession(`w-${kind}`, app.pid, app.backendStart, { actor, db });
    expect(r).toMatchObject({ ok: false, status: 403, code: "refused", message: expect.stringMatching(/permission denied to cancel query|must be a member of the role/) });
    if (!r.ok) expect((await auditRows(r.auditId!)).map((x) => [x.phase, x.outcome])).toEqual([["intent", null], ["outcome", "refused"]]);
    await admin.query("select pg_cancel_backend($1)", [app.pid]);
    await app.error;
  });

  it("bulk: the preview lists exactly the set the confirmation acts on; the console's own are excluded with a reason", async () => {
    const victims = [];
    for (const a of ["odoo-report-1", "odoo-report-2", "odoo-report-3"]) victims.push(await sleeper(appUrl(), admin, a)); // admin: one query at a time
    const bystander = await sleeper(appUrl(), admin, "other-report", 5);
    const filter = { application: "odoo-report%", state: "active" as const, minQuerySeconds: 0 };
    const p = await previewBulk(T, "cancel", filter);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const previewed = p.result.sessions.map((s) => ({ pid: s.pid, backendStart: s.backendStart! }));
    expect(new Set(previewed.map((s) => s.pid))).toEqual(new Set(victims.map((v) => v.pid)));
    const r = await confirmBulk(T, "cancel", filter, previewed, { actor, reason: "runbook 2.2", db });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.results.map((x) => [x.pid, x.backendStart, x.outcome])).toEqual(previewed.map((s) => [s.pid, s.backendStart, "ok"]));
    expect(r.result.results.every((x) => x.goneAfter === true && x.auditId)).toBe(true);
    for (const v of victims) expect((await v.error)?.code).toBe("57014");
    expect((await admin.query("select state from pg_stat_activity where pid = $1", [bystander.pid])).rows[0].state).toBe("active");
    const summary = await auditRows(r.auditId);
    expect(summary.map((x) => [x.action, x.outcome])).toEqual([["sessions.bulk_cancel", null], ["sessions.bulk_cancel", "ok"]]);
    expect(summary[1].message).toBe("3 of 3 signalled, 0 skipped");
    await admin.query("select pg_cancel_backend($1)", [bystander.pid]);

    const mine = await previewBulk(T, "terminate", { user: "postgres" });
    if (!mine.ok) throw new Error(mine.message);
    const excludedPids = mine.result.excluded.map((x) => x.pid);
    for (const pid of consolePids()) if (mine.result.excluded.some((x) => x.pid === pid)) expect(excludedPids).toContain(pid);
    expect(mine.result.excluded.filter((x) => /console's own/.test(x.reason)).length).toBeGreaterThanOrEqual(2);
    expect(mine.result.sessions.every((s) => !consolePids().has(s.pid) && s.backendType === "client backend")).toBe(true);
  });

  it("bulk: a session that went idle or was replaced between preview and confirm is skipped and reported", async () => {
    const a = await client(appUrl(), "odoo-cron-a");
    const b = await client(appUrl(), "odoo-cron-b");
    for (const c of [a, b]) await c.query("begin; select 1");
    await idOf(admin, "odoo-cron-a", "idle in transaction");
    await idOf(admin, "odoo-cron-b", "idle in transaction");
    const filter = { state: "idle in transaction" as const, application: "odoo-cron%" };
    const p = await previewBulk(T, "terminate", filter);
    if (!p.ok) throw new Error(p.message);
    expect(p.result.sessions.map((s) => s.applicationName).sort()).toEqual(["odoo-cron-a", "odoo-cron-b"]);
    const list = p.result.sessions.map((s) => ({ pid: s.pid, backendStart: s.backendStart! }));
    const pidB = p.result.sessions.find((s) => s.applicationName === "odoo-cron-b")!.pid;
    await a.query("commit"); // went idle: no longer matches
    await b.end(); // replaced by another one with the same name
    await until(async () => (await admin.query("select 1 from pg_stat_activity where pid = $1", [pidB])).rowCount === 0, 3000, "b gone");
    const b2 = await client(appUrl(), "odoo-cron-b");
    await b2.query("begin; select 1");
    const r = await confirmBulk(T, "terminate", filter, list, { actor, db });
    if (!r.ok) throw new Error(r.message);
    const byApp = new Map(r.result.results.map((x) => [p.result.sessions.find((s) => s.pid === x.pid)!.applicationName, x]));
    expect(byApp.get("odoo-cron-a")).toMatchObject({ outcome: "changed", message: expect.stringMatching(/no longer matches the filter \(state now idle\)/) });
    expect(["gone", "pid_reused"]).toContain(byApp.get("odoo-cron-b")!.outcome);
    expect(r.result.results.every((x) => x.auditId)).toBe(true);
    expect((await a.query("select 1 as one")).rows[0].one).toBe(1);
    expect((await b2.query("select 1 as one")).rows[0].one).toBe(1);
    await b2.query("rollback");
  });
});

describe("route handlers (in process, API token)", () => {
  let op: string;
  let viewer: string;
  let admin: pg.Client;
  let POST_CANCEL: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
  let POST_BULK: typeof POST_CANCEL;

  beforeAll(async () => {
    setStore({ prisma: db, url: store.urlFor("store"), embedded: false, stop: async () => {} });
    const { addUser } = await import("../../lib/server/auth/users");
    const { createToken } = await import("../../lib/server/auth/api-tokens");
    const fast = { scrypt: { N: 1024, r: 8, p: 1 } };
    op = (await createToken(db, (await addUser(db, { username: "route-op", password: "correct-horse-9", role: "operator" }, fast)).id, "t")).token;
    viewer = (await createToken(db, (await addUser(db, { username: "route-viewer", password: "correct-horse-9", role: "viewer" }, fast)).id, "t")).token;
    POST_CANCEL = (await import("../../app/api/targets/[id]/sessions/[pid]/cancel/route")).POST;
    POST_BULK = (await import("../../app/api/targets/[id]/sessions/bulk/route")).POST;
    admin = await client(clusters.get("embedded-18")!.url, "route-admin");
  });
  afterAll(() => clearStore());

  const call = (handler: typeof POST_CANCEL, token: string, params: Record<string, string>, body: unknown) =>
    handler(
      new Request("http://127.0.0.1/x", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest-route" }, body: JSON.stringify(body) }),
      { params: Promise.resolve(params) },
    ).then(async (r) => ({ status: r.status, body: await r.json() }));

  it("cancel: 400 naming pid or backendStart, 403 for a viewer, 404 for an unknown target, 200 with the audit id", async () => {
    const v = await sleeper(clusters.get("embedded-18")!.url, admin, "victim-route");
    const params = { id: "t-embedded-18", pid: String(v.pid) };
    expect(await call(POST_CANCEL, op, { ...params, pid: "0" }, { backendStart: v.backendStart })).toMatchObject({ status: 400, body: { error: { code: "invalid_input", message: expect.stringMatching(/^pid: /) } } });
    expect(await call(POST_CANCEL, op, params, {})).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^backendStart: is required/) } } });
    expect(await call(POST_CANCEL, op, params, { backendStart: v.backendStart, reason: "x".repeat(501) })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^reason: /) } } });
    expect(await call(POST_CANCEL, viewer, params, { backendStart: v.backendStart })).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await call(POST_CANCEL, op, { ...params, id: "nope" }, { backendStart: v.backendStart })).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    const ok = await call(POST_CANCEL, op, params, { backendStart: v.backendStart, reason: "from the route" });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, auditId: expect.any(String), result: { signalled: true } } });
    expect((await v.error)?.code).toBe("57014");
    expect((await auditRows(ok.body.auditId))[0]).toMatchObject({ username: "route-op" });
  });

  it("bulk: 400 for a filter without criteria or a confirmation without the list; a preview otherwise", async () => {
    const params = { id: "t-embedded-18" };
    expect(await call(POST_BULK, op, params, { action: "terminate", filter: {}, dryRun: true })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^filter: needs at least one criterion/) } } });
    expect(await call(POST_BULK, op, params, { action: "cancel", filter: { user: "app" }, dryRun: false })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^sessions: /) } } });
    expect(await call(POST_BULK, viewer, params, { action: "cancel", filter: { user: "app" }, dryRun: true })).toMatchObject({ status: 403 });
    expect(await call(POST_BULK, op, params, { action: "cancel", filter: { application: "no-such-app%" }, dryRun: true })).toEqual({ status: 200, body: { sessions: [], excluded: [], more: 0 } });
  });
});

describe("store stopped", () => {
  it("refuses with audit_unavailable and leaves the victim running", async () => {
    const cluster = clusters.get("embedded-18")!;
    const admin = await client(cluster.url, "test-admin-store");
    const v = await sleeper(cluster.url, admin, "victim-store-down", 10);
    await store.stop();
    const r = await cancelSession("t-embedded-18", v.pid, v.backendStart, { actor, db });
    expect(r).toMatchObject({ ok: false, status: 503, code: "audit_unavailable", message: expect.stringMatching(/^the audit trail cannot be written: .*nothing was done$/) });
    const bulk = await confirmBulk("t-embedded-18", "cancel", { application: "victim-store-down" }, [v], { actor, db });
    expect(bulk).toMatchObject({ ok: false, status: 503, code: "audit_unavailable" });
    await new Promise((res) => setTimeout(res, 300));
    expect((await admin.query("select state, backend_start::text as bs from pg_stat_activity where pid = $1", [v.pid])).rows[0]).toEqual({ state: "active", bs: v.backendStart });
    await admin.query("select pg_cancel_backend($1)", [v.pid]);
    expect((await v.error)?.code).toBe("57014");
  });
});
