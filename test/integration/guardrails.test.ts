// Guardrails against real PostgreSQL (18, and 15 where installed) with a real store, through the
// route handlers: pg_db_role_setting and SHOW in new sessions are the proof, audit rows are read back.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeActionConnections } from "../../lib/server/actions/registry";
import { setAuditKey } from "../../lib/server/audit/key";
import { startGuardrailScheduler, stopGuardrailScheduler } from "../../lib/server/guardrails/scheduler";
import { availableClusterKinds, startCluster, type ClusterKind, type LocalCluster } from "../../lib/server/local-cluster";
import { describeEachKind } from "../fixtures/cluster-kinds";
import { createMonitors } from "../../lib/server/monitors";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";

// These tests change roles behind the console's back and read at once: no shared view between reads.
process.env.TRIAGE_GUARDRAILS_VIEW_MS = "0";
import { openTestStore } from "../fixtures/test-store";
import { openClient } from "../fixtures/pg-client";
import { until } from "../fixtures/wait";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const kinds = availableClusterKinds();
const WEIRD = 'we"ird role';
const EVIL = `x"; alter role postgres nologin; --`;

let store: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
const clusters = new Map<ClusterKind, LocalCluster>();
const open: pg.Client[] = [];
const tokens: Record<string, string> = {};
let H: { list: Handler; apply: Handler; revert: Handler; recycle: Handler; preset: Handler; take: Handler; release: Handler };

async function call(h: Handler, who: string, method: string, params: Record<string, string>, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[who]}`, "user-agent": "vitest-guardrails" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await h(new Request("http://127.0.0.1/x", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  return { status: r.status, body: await r.json() };
}

/** A session as `user` (any name: no URL quoting), kept open. */
async function session(c: LocalCluster, user: string, database: string, app = "guardrail-test"): Promise<pg.Client> {
  const s = new pg.Client({ host: c.host, port: c.port, user, database, application_name: app });
  s.on("error", () => {});
  await s.connect();
  open.push(s);
  return s;
}

async function show(c: LocalCluster, user: string, database: string, setting: string): Promise<string> {
  const s = await session(c, user, database, "show");
  const v = (await s.query(`show ${setting}`)).rows[0][setting] as string;
  await s.end();
  return v;
}

async function setconfig(admin: pg.Client, role: string, database: string | null): Promise<string[] | null> {
  const r = await admin.query(
    `select s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
     where r.rolname = $1 and s.setdatabase = coalesce((select oid from pg_database where datname = $2), 0)`,
    [role, database],
  );
  return r.rows[0]?.setconfig ?? null;
}

async function audit(id: string) {
  return (await storeRaw.query(`select phase, action, outcome, username, subject, sql, message from "AuditEvent" where id = $1 or "intentId" = $1 order by id`, [id])).rows;
}

beforeAll(async () => {
  store = await startCluster({ kind: "embedded-18" });
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  setAuditKey("k".repeat(40));

  const targets = [];
  for (const kind of kinds) {
    const c = await startCluster({ kind });
    clusters.set(kind, c);
    const admin = await openClient(c.url, "setup");
    await admin.query(`create role odoo login; create role ${'"we""ird role"'} login; create role ${'"x""; alter role postgres nologin; --"'} login;
      create role weak_console login`);
    await admin.query("create database odoo");
    await admin.query("create database odoo2");
    await admin.end();
    targets.push({ id: `t-${kind}`, name: `pg ${kind}`, postgres: { url: c.url } });
    targets.push({ id: `w-${kind}`, name: `pg ${kind} (no CREATEROLE)`, postgres: { url: c.urlFor("postgres", "weak_console") } });
  }
  createMonitors({ targets }, 1000); // not started: the guardrails use the action connection only

  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  const fast = { scrypt: { N: 1024, r: 8, p: 1 } };
  for (const [name, role] of [["alice", "operator"], ["bob", "operator"], ["vera", "viewer"]] as const) {
    tokens[name] = (await createToken(db, (await addUser(db, { username: name, password: "correct-horse-9", role }, fast)).id, "t")).token;
  }
  const g = await import("../../app/api/targets/[id]/guardrails/route");
  const helm = await import("../../app/api/targets/[id]/helm/route");
  H = {
    list: g.GET,
    apply: g.POST,
    revert: (await import("../../app/api/targets/[id]/guardrails/[guardrailId]/revert/route")).POST,
    recycle: (await import("../../app/api/targets/[id]/guardrails/[guardrailId]/recycle/route")).POST,
    preset: (await import("../../app/api/targets/[id]/guardrails/preset/route")).POST,
    take: helm.POST,
    release: helm.DELETE,
  };
});

afterAll(async () => {
  await stopGuardrailScheduler();
  await closeActionConnections();
  clearStore();
  await Promise.all(open.map((c) => c.end().catch(() => {})));
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  for (const c of clusters.values()) await c.destroy();
  await store?.destroy();
});

describeEachKind("guardrails on %s", (kind) => {
  let c: LocalCluster;
  let admin: pg.Client;
  const T = { id: `t-${kind}` };
  const apply = (body: unknown, who = "alice") => call(H.apply, who, "POST", T, body);
  const revert = (guardrailId: string, body: unknown = {}, who = "alice") => call(H.revert, who, "POST", { ...T, guardrailId }, body);

  beforeAll(async () => {
    c = clusters.get(kind)!;
    admin = await openClient(c.url, "test-admin");
    open.push(admin);
  });

  it("only the helm holder may apply; taking it from someone is audited; a viewer cannot take it", async () => {
    const refused = await apply({ role: "odoo", setting: "work_mem", value: "16MB" });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "not_helm_holder", auditId: expect.any(String) } } });
    expect((await audit(refused.body.error.auditId))[0]).toMatchObject({ action: "guardrail.apply", outcome: "refused", username: "alice" });
    expect(await call(H.take, "vera", "POST", T, {})).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    const took = await call(H.take, "alice", "POST", T, {});
    expect(took).toMatchObject({ status: 200, body: { ok: true, helm: { holder: "alice" } } });
    expect(await call(H.take, "bob", "POST", T, {})).toMatchObject({ status: 409, body: { error: { code: "helm_held", holder: "alice" } } });
    const forced = await call(H.take, "bob", "POST", T, { force: true, reason: "alice is offline" });
    expect(forced).toMatchObject({ status: 200, body: { helm: { holder: "bob" } } });
    const rows = await audit(forced.body.auditId);
    expect(rows.map((r) => [r.phase, r.action, r.outcome])).toEqual([["intent", "helm.force_take", null], ["outcome", "helm.force_take", "ok"]]);
    expect(rows[0].subject).toMatchObject({ before: { holder: "alice" }, after: { holder: "bob" } });
    expect(await apply({ role: "odoo", setting: "work_mem", value: "16MB" })).toMatchObject({ status: 403, body: { error: { code: "not_helm_holder", message: expect.stringMatching(/bob holds the helm/) } } });
    expect((await call(H.list, "vera", "GET", T)).body.helm).toMatchObject({ holder: "bob" });
    expect(await call(H.release, "bob", "DELETE", T)).toMatchObject({ status: 200 });
    expect((await call(H.list, "vera", "GET", T)).body.helm).toBeNull();
    expect(await call(H.take, "alice", "POST", T, {})).toMatchObject({ status: 200 });
    // Inactivity: after 15 minutes without a change the helm is free again (no force needed).
    await db.helm.update({ where: { targetId: T.id }, data: { lastActiveAt: new Date(Date.now() - 16 * 60_000) } });
    expect((await call(H.list, "vera", "GET", T)).body.helm).toBeNull();
    expect(await call(H.take, "bob", "POST", T, {})).toMatchObject({ status: 200, body: { helm: { holder: "bob" } } });
    expect(await call(H.take, "alice", "POST", T, { force: true })).toMatchObject({ status: 200 });
    expect(await setconfig(admin, "odoo", null)).toBeNull(); // nothing was applied on the way
  });

  it("apply: a NEW session sees the value, an existing one does not; counted, recycled (audited); revert RESETs", async () => {
    const old = await session(c, "odoo", "odoo", "pre-change");
    const r = await apply({ role: "odoo", database: "odoo", setting: "statement_timeout", value: "45s", reason: "runaway reports" });
    expect(r).toMatchObject({ status: 200, body: { ok: true, guardrail: { id: expect.any(String), prior: null, value: "45s", expiresAt: null }, sessionsBeforeChange: { sessions: 1, idle: 1 } } });
    expect(await show(c, "odoo", "odoo", "statement_timeout")).toBe("45s");
    expect(await show(c, "odoo", "odoo2", "statement_timeout")).toBe("0"); // another database: untouched
    expect((await old.query("show statement_timeout")).rows[0].statement_timeout).toBe("0");
    expect(await setconfig(admin, "odoo", "odoo")).toEqual(["statement_timeout=45s"]);
    const rows = await audit(r.body.auditId);
    expect(rows.map((x) => x.outcome)).toEqual([null, "ok"]);
    expect(rows[0].sql).toMatch(/^set local lock_timeout = '2000ms';\nalter role "odoo" in database "odoo" set statement_timeout = '45s';/);
    expect(rows[0].subject).toMatchObject({ diff: [{ before: null, after: "45s", prior: null }] });

    const gone = new Promise((res) => old.once("error", res));
    const rec = await call(H.recycle, "bob", "POST", { ...T, guardrailId: r.body.guardrail.id }, {}); // no helm needed
    expect(rec).toMatchObject({ status: 200, body: { ok: true, terminated: [{ pid: expect.any(Number) }], remaining: { sessions: 0 } } });
    await gone;
    expect((await audit(rec.body.auditId))[0]).toMatchObject({ action: "guardrail.recycle_idle", username: "bob" });

    const rv = await revert(r.body.guardrail.id);
    expect(rv).toMatchObject({ status: 200, body: { ok: true, guardrail: { status: "reverted", before: "45s", after: null } } });
    expect(await setconfig(admin, "odoo", "odoo")).toBeNull();
    expect((await audit(rv.body.auditId))[0].sql).toMatch(/alter role "odoo" in database "odoo" reset statement_timeout/);
    expect(await revert(r.body.guardrail.id)).toMatchObject({ status: 409, body: { error: { code: "not_active" } } });
  });

  it("a prior non-default value, role-wide and per database, is restored exactly", async () => {
    await admin.query(`alter role odoo set work_mem = '3MB'; alter role odoo set lock_timeout = 1500; alter role odoo in database odoo set work_mem = 2048`);
    // Both are raises above the value in force (3MB, 2MB): explicitly confirmed (safe-defaults.test.ts covers the refusal).
    const wide = await apply({ role: "odoo", setting: "work_mem", value: "32MB", confirmRaise: true });
    const perDb = await apply({ role: "odoo", database: "odoo", setting: "work_mem", value: "16MB", confirmRaise: true });
    expect(wide.body.guardrail.prior).toBe("3MB");
    expect(perDb.body.guardrail.prior).toBe("2048");
    expect(await show(c, "odoo", "odoo", "work_mem")).toBe("16MB");
    expect(await show(c, "odoo", "odoo2", "work_mem")).toBe("32MB");
    expect(await revert(perDb.body.guardrail.id)).toMatchObject({ status: 200 });
    expect(await revert(wide.body.guardrail.id)).toMatchObject({ status: 200 });
    expect(await setconfig(admin, "odoo", null)).toEqual(["work_mem=3MB", "lock_timeout=1500"]);
    expect(await setconfig(admin, "odoo", "odoo")).toEqual(["work_mem=2048"]);
    await admin.query(`alter role odoo reset all; alter role odoo in database odoo reset all`);
  });

  it("a change made outside shows as external and makes revert answer 409 with both values, unless force", async () => {
    await admin.query(`alter role odoo in database odoo set idle_in_transaction_session_timeout = '10min'`);
    const r = await apply({ role: "odoo", database: "odoo", setting: "lock_timeout", value: "5s" });
    let view = (await call(H.list, "vera", "GET", T)).body;
    expect(view.settings).toEqual(expect.arrayContaining([
      { role: "odoo", database: "odoo", setting: "idle_in_transaction_session_timeout", value: "10min", source: "external" },
      { role: "odoo", database: "odoo", setting: "lock_timeout", value: "5s", source: "pg-triage", guardrailId: r.body.guardrail.id, expiresAt: null },
    ]));
    expect(view.roles[0]).toMatchObject({ role: "odoo", connectionLimit: -1 });
    await admin.query(`alter role odoo in database odoo set lock_timeout = '7s'`);
    view = (await call(H.list, "vera", "GET", T)).body;
    expect(view.settings).toEqual(expect.arrayContaining([{ role: "odoo", database: "odoo", setting: "lock_timeout", value: "7s", source: "external" }]));
    expect(view.guardrails).toEqual([expect.objectContaining({ id: r.body.guardrail.id, current: "7s", changedOutside: true })]);
    const conflict = await revert(r.body.guardrail.id);
    expect(conflict).toMatchObject({ status: 409, body: { error: { code: "conflict", applied: "5s", current: "7s", prior: null, auditId: expect.any(String) } } });
    expect(await setconfig(admin, "odoo", "odoo")).toEqual(["idle_in_transaction_session_timeout=10min", "lock_timeout=7s"]);
    expect(await revert(r.body.guardrail.id, { force: true })).toMatchObject({ status: 200, body: { guardrail: { before: "7s", after: null } } });
    expect(await setconfig(admin, "odoo", "odoo")).toEqual(["idle_in_transaction_session_timeout=10min"]);
    await admin.query(`alter role odoo in database odoo reset all`);
  });

  it("injection in role, database and value is refused or quoted: exactly one ALTER; we\"ird role works", async () => {
    const before = (await admin.query("select count(*)::int as n from pg_db_role_setting")).rows[0].n;
    expect(await apply({ role: "odoo", setting: "work_mem", value: "64MB; RESET ALL" })).toMatchObject({ status: 400, body: { error: { code: "invalid_input", message: expect.stringMatching(/^value: /) } } });
    expect(await apply({ role: "odoo", setting: "work_mem", value: "-1" })).toMatchObject({ status: 400 });
    expect(await apply({ role: "odoo", setting: "statement_timeout", value: "1e99" })).toMatchObject({ status: 400 });
    expect(await apply({ role: "odoo", setting: "work_mem", value: "" })).toMatchObject({ status: 400 });
    expect(await apply({ role: "odoo", setting: "shared_buffers", value: "1GB" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^setting: /) } } });
    expect(await apply({ role: `odoo"; alter role odoo superuser; --`, setting: "work_mem", value: "8MB" })).toMatchObject({ status: 404, body: { error: { code: "unknown_role" } } });
    expect(await apply({ role: "odoo", database: `odoo"; drop database odoo2; --`, setting: "work_mem", value: "8MB" })).toMatchObject({ status: 404, body: { error: { code: "unknown_database" } } });
    expect((await admin.query("select count(*)::int as n from pg_db_role_setting")).rows[0].n).toBe(before);

    const evil = await apply({ role: EVIL, database: "odoo", setting: "work_mem", value: "2MB" });
    expect(evil).toMatchObject({ status: 200 });
    expect(await setconfig(admin, EVIL, "odoo")).toEqual(["work_mem=2MB"]);
    expect((await admin.query("select rolcanlogin from pg_roles where rolname = 'postgres'")).rows[0].rolcanlogin).toBe(true);
    expect((await admin.query("select count(*)::int as n from pg_db_role_setting")).rows[0].n).toBe(before + 1);

    const w = await apply({ role: WEIRD, setting: "statement_timeout", value: "30s" });
    expect(w).toMatchObject({ status: 200, body: { guardrail: { value: "30s" } } });
    expect(await show(c, WEIRD, "odoo", "statement_timeout")).toBe("30s");
    expect(await revert(evil.body.guardrail.id)).toMatchObject({ status: 200 });
    expect(await revert(w.body.guardrail.id)).toMatchObject({ status: 200 });
    expect(await setconfig(admin, WEIRD, null)).toBeNull();
    expect((await admin.query("select count(*)::int as n from pg_db_role_setting")).rows[0].n).toBe(before);
  });

  it("the emergency preset: a dry-run diff, then ONE audited operation; revert all backs it out", async () => {
    await admin.query(`alter role odoo in database odoo set work_mem = '64MB'`);
    const dry = await call(H.preset, "alice", "POST", T, { role: "odoo", database: "odoo", dryRun: true, values: { statement_timeout: "90s" } });
    expect(dry).toMatchObject({ status: 200, body: { ok: true, dryRun: true, guardrails: [] } });
    expect(dry.body.diff.map((d: { setting: string; before: string | null; value: string }) => [d.setting, d.before, d.value])).toEqual([
      ["statement_timeout", null, "90s"],
      ["idle_in_transaction_session_timeout", null, "120s"],
      ["work_mem", "64MB", "16MB"],
    ]);
    expect(await setconfig(admin, "odoo", "odoo")).toEqual(["work_mem=64MB"]);
    const p = await call(H.preset, "alice", "POST", T, { role: "odoo", database: "odoo", expiresInMinutes: 30 });
    expect(p).toMatchObject({ status: 200, body: { ok: true, dryRun: false, auditId: expect.any(String) } });
    expect(p.body.guardrails).toHaveLength(3);
    const rows = await audit(p.body.auditId);
    expect(rows.map((r) => [r.phase, r.action, r.outcome])).toEqual([["intent", "guardrails.preset", null], ["outcome", "guardrails.preset", "ok"]]);
    expect(rows[0].sql.match(/alter role/g)).toHaveLength(3);
    expect(await show(c, "odoo", "odoo", "idle_in_transaction_session_timeout")).toBe("2min");
    const all = await revert("all");
    expect(all).toMatchObject({ status: 200, body: { ok: true } });
    expect(all.body.results).toHaveLength(3);
    expect(await setconfig(admin, "odoo", "odoo")).toEqual(["work_mem=64MB"]);
    await admin.query(`alter role odoo in database odoo reset all`);
  });

  it("expiry reverts on time, also after a restart (a new scheduler over the same store)", async () => {
    const a = await apply({ role: "odoo", setting: "work_mem", value: "2MB", expiresInMinutes: 30 });
    const b = await apply({ role: "odoo", setting: "statement_timeout", value: "20s", expiresInMinutes: 30 });
    // 30 minutes is too long for a test: bring the schedule forward in the store, where the timer reads it.
    await db.guardrail.update({ where: { id: a.body.guardrail.id }, data: { expiresAt: new Date(Date.now() + 500) } });
    const first = startGuardrailScheduler({ db, intervalMs: 200 });
    await until(async () => (await db.guardrail.findUnique({ where: { id: a.body.guardrail.id } }))?.status === "expired", 5000, "first expiry");
    expect(await setconfig(admin, "odoo", null)).toEqual(["statement_timeout=20s"]);
    await first.stop(); // the console goes down before b is due
    expect((await db.guardrail.findUnique({ where: { id: b.body.guardrail.id } }))?.status).toBe("active");
    // b comes due while the console is down: the next console's scheduler reverts it.
    await db.guardrail.update({ where: { id: b.body.guardrail.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    startGuardrailScheduler({ db, intervalMs: 200 });
    await until(async () => (await db.guardrail.findUnique({ where: { id: b.body.guardrail.id } }))?.status === "expired", 8000, "expiry after restart");
    expect(await setconfig(admin, "odoo", null)).toBeNull();
    const exp = await storeRaw.query(`select phase, outcome, username from "AuditEvent" where action = 'guardrail.expire' and subject->>'guardrailId' = $1 order by id`, [b.body.guardrail.id]);
    expect(exp.rows).toEqual([{ phase: "intent", outcome: null, username: "pg-triage (expiry)" }, { phase: "outcome", outcome: "ok", username: "pg-triage (expiry)" }]);
    await stopGuardrailScheduler();
  });

  it("a held lock answers 503 lock_timeout and changes nothing; a console without CREATEROLE gets 403 (42501)", async () => {
    const holder = await session(c, "postgres", "postgres", "lock-holder");
    await holder.query(`begin; alter role odoo set lock_timeout = '9s'`);
    const t0 = Date.now();
    const r = await apply({ role: "odoo", setting: "lock_timeout", value: "3s" });
    expect(r).toMatchObject({ status: 503, body: { error: { code: "lock_timeout" } } });
    expect(Date.now() - t0).toBeLessThan(4500);
    await holder.query("rollback");
    expect(await setconfig(admin, "odoo", null)).toBeNull();
    expect(await db.guardrail.count({ where: { targetId: T.id, status: "active" } })).toBe(0);

    const W = { id: `w-${kind}` };
    expect(await call(H.take, "alice", "POST", W, {})).toMatchObject({ status: 200 });
    const denied = await call(H.apply, "alice", "POST", W, { role: "odoo", setting: "work_mem", value: "2MB" });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: "role_not_alterable", message: expect.stringMatching(/42501/) } } });
    expect(await setconfig(admin, "odoo", null)).toBeNull();
  });
});
