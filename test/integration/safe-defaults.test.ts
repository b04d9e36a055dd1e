// Safe defaults against real PostgreSQL (18, and 15 where installed) with a real store, through the
// route handlers: the emergency profile never raises what a NEW session of the role gets (SHOW is the
// proof), a raise needs confirmRaise, the CONNECTION LIMIT guardrail, and the bulk filters/marks.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "../../lib/audit";
import { confirmBulk, previewBulk } from "../../lib/server/actions/bulk";
import { closeActionConnections } from "../../lib/server/actions/registry";
import { setAuditKey } from "../../lib/server/audit/key";
import { availableClusterKinds, startCluster, type ClusterKind, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";

process.env.TRIAGE_GUARDRAILS_VIEW_MS = "0";
import { openClient } from "../fixtures/pg-client";
import { openTestStore } from "../fixtures/test-store";
import { until } from "../fixtures/wait";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const kinds = availableClusterKinds();
const actor: AuditActor = { userId: "u1", username: "alice", role: "operator", via: "session", sessionId: "s1", clientAddr: "127.0.0.1", userAgent: "vitest" };

let store: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
const clusters = new Map<ClusterKind, LocalCluster>();
const open: pg.Client[] = [];
const tokens: Record<string, string> = {};
let H: { list: Handler; apply: Handler; revert: Handler; preset: Handler; take: Handler; bulk: Handler };

async function call(h: Handler, params: Record<string, string>, body?: unknown, method = "POST") {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens.alice}`, "user-agent": "vitest-safe-defaults" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await h(new Request("http://127.0.0.1/x", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  return { status: r.status, body: await r.json() };
}

async function connect(c: LocalCluster, user: string, database: string, app: string, host = c.host): Promise<pg.Client> {
  const s = new pg.Client({ host, port: c.port, user, database, application_name: app });
  s.on("error", () => {});
  await s.connect();
  open.push(s);
  return s;
}

/** What a NEW session of that role in that database gets. */
async function show(c: LocalCluster, user: string, database: string, setting: string): Promise<string> {
  const s = await connect(c, user, database, "show");
  const v = (await s.query(`show ${setting}`)).rows[0][setting] as string;
  await s.end();
  return v;
}

const kb = (v: string) => {
  const m = /^(\d+)(kB|MB|GB)$/.exec(v)!;
  return Number(m[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[m[2] as "kB"];
};

async function auditOf(id: string) {
  return (await storeRaw.query(`select phase, action, outcome, subject, sql, message from "AuditEvent" where id = $1 or "intentId" = $1 order by id`, [id])).rows;
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
    await admin.query("create role odoo login; create role app login");
    for (const d of ["odoo", "odoo2"]) await admin.query(`create database ${d}`);
    await admin.end();
    targets.push({ id: `t-${kind}`, name: `pg ${kind}`, postgres: { url: c.url } });
  }
  createMonitors({ targets }, 1000); // not started: no effect watching needed here
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  tokens.alice = (await createToken(db, (await addUser(db, { username: "alice", password: "correct-horse-9", role: "operator" }, { scrypt: { N: 1024, r: 8, p: 1 } })).id, "t")).token;
  const g = await import("../../app/api/targets/[id]/guardrails/route");
  H = {
    list: g.GET,
    apply: g.POST,
    revert: (await import("../../app/api/targets/[id]/guardrails/[guardrailId]/revert/route")).POST,
    preset: (await import("../../app/api/targets/[id]/guardrails/preset/route")).POST,
    take: (await import("../../app/api/targets/[id]/helm/route")).POST,
    bulk: (await import("../../app/api/targets/[id]/sessions/bulk/route")).POST,
  };
});

afterAll(async () => {
  await closeActionConnections();
  clearStore();
  await Promise.all(open.map((c) => c.end().catch(() => {})));
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  for (const c of clusters.values()) await c.destroy();
  await store?.destroy();
});

describe.each(kinds)("safe defaults on %s", (kind) => {
  let c: LocalCluster;
  let admin: pg.Client;
  const T = { id: `t-${kind}` };
  const preset = (body: Record<string, unknown>) => call(H.preset, T, { role: "odoo", database: "odoo", ...body });
  const apply = (body: Record<string, unknown>) => call(H.apply, T, body);
  const revertAll = () => call(H.revert, { ...T, guardrailId: "all" }, {});
  const reload = async () => {
    await admin.query("select pg_reload_conf()");
    await new Promise((r) => setTimeout(r, 300));
  };

  beforeAll(async () => {
    c = clusters.get(kind)!;
    admin = await openClient(c.url, "test-admin");
    open.push(admin);
    expect(await call(H.take, T, {})).toMatchObject({ status: 200 });
  });

  // work_mem 2MB at one level at a time: the profile proposes at most that, and a new session gets no more.
  const LEVELS = [
    { level: "role_in_database", set: `alter role odoo in database odoo set work_mem = '2MB'`, reset: `alter role odoo in database odoo reset work_mem` },
    { level: "role", set: `alter role odoo set work_mem = '2MB'`, reset: `alter role odoo reset work_mem` },
    { level: "database", set: `alter database odoo set work_mem = '2MB'`, reset: `alter database odoo reset work_mem` },
    { level: "all_roles", set: `alter role all set work_mem = '2MB'`, reset: `alter role all reset work_mem` },
    { level: "server", set: `alter system set work_mem = '2MB'`, reset: `alter system reset work_mem` },
  ] as const;

  it.each(LEVELS)("the emergency profile never raises work_mem set at the $level level", async ({ level, set, reset }) => {
    await admin.query(set);
    if (level === "server") await reload();
    try {
      expect(await show(c, "odoo", "odoo", "work_mem")).toBe("2MB");
      const dry = await preset({ dryRun: true });
      expect(dry.status).toBe(200);
      const wm = dry.body.diff.find((d: { setting: string }) => d.setting === "work_mem");
      expect(wm).toMatchObject({ effective: { value: "2MB", level }, value: "1MB", direction: "lower", needsConfirmation: false, how: expect.stringMatching(/half of the 2MB in force/) });
      expect(dry.body.needsConfirmation).toBe(false);
      const applied = await preset({});
      expect(applied).toMatchObject({ status: 200, body: { ok: true, dryRun: false } });
      expect(kb(await show(c, "odoo", "odoo", "work_mem"))).toBeLessThanOrEqual(2048);
      expect(await show(c, "odoo", "odoo", "work_mem")).toBe("1MB");
      expect(await revertAll()).toMatchObject({ status: 200, body: { ok: true } });
      expect(await show(c, "odoo", "odoo", "work_mem")).toBe("2MB");
    } finally {
      await admin.query(reset);
      if (level === "server") await reload();
    }
  });

  it("timeouts: a stricter value in force is kept, not loosened to the runbook's", async () => {
    await admin.query(`alter role odoo set statement_timeout = '30s'`);
    const dry = await preset({ dryRun: true });
    expect(dry.body.diff.find((d: { setting: string }) => d.setting === "statement_timeout")).toMatchObject({ effective: { value: "30s", level: "role" }, value: "30s", direction: "same" });
    expect(dry.body.diff.find((d: { setting: string }) => d.setting === "idle_in_transaction_session_timeout")).toMatchObject({ effective: { level: "server" }, value: "120s", direction: "lower" });
    await admin.query(`alter role odoo reset statement_timeout`);
  });

  it("a raise without confirmRaise is refused (409, named, audited as refused, nothing altered); with it, applied and audited", async () => {
    const settingsBefore = (await admin.query("select count(*)::int as n from pg_db_role_setting")).rows[0].n;
    const refused = await apply({ role: "odoo", database: "odoo", setting: "work_mem", value: "32MB" });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "raise_not_confirmed", message: expect.stringMatching(/^work_mem: refusing to raise .*32MB is above the 4MB in force \(server\).*confirmRaise/), raises: [{ setting: "work_mem", proposed: "32MB", direction: "raise" }] } } });
    expect((await auditOf(refused.body.error.auditId)).map((r) => [r.phase, r.outcome])).toEqual([["outcome", "refused"]]);
    expect((await admin.query("select count(*)::int as n from pg_db_role_setting")).rows[0].n).toBe(settingsBefore);
    expect(await db.guardrail.count({ where: { targetId: T.id, status: "active" } })).toBe(0);
    expect(await show(c, "odoo", "odoo", "work_mem")).toBe("4MB");

    const typed = await preset({ values: { work_mem: "64MB" } });
    expect(typed).toMatchObject({ status: 409, body: { error: { code: "raise_not_confirmed" } } });
    expect(await show(c, "odoo", "odoo", "work_mem")).toBe("4MB");

    const ok = await apply({ role: "odoo", database: "odoo", setting: "work_mem", value: "32MB", confirmRaise: true });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, direction: "raise", effective: { value: "4MB", level: "server" } } });
    const rows = await auditOf(ok.body.auditId);
    expect(rows.map((r) => [r.phase, r.outcome])).toEqual([["intent", null], ["outcome", "ok"]]);
    expect(rows[0].subject).toMatchObject({ raiseConfirmed: true, diff: [{ setting: "work_mem", after: "32MB", direction: "raise", effective: { value: "4MB", level: "server" } }] });
    expect(await show(c, "odoo", "odoo", "work_mem")).toBe("32MB");
    expect(await revertAll()).toMatchObject({ status: 200 });
  });

  it("a role-wide raise is compared with the lowest value it would replace (a database's own value)", async () => {
    await admin.query(`alter database odoo2 set maintenance_work_mem = '8MB'`);
    const r = await apply({ role: "odoo", setting: "maintenance_work_mem", value: "32MB" });
    expect(r).toMatchObject({ status: 409, body: { error: { code: "raise_not_confirmed", message: expect.stringMatching(/8MB in force \(database \(all roles\): odoo2\)/) } } });
    await admin.query(`alter database odoo2 reset maintenance_work_mem`);
    const lower = await apply({ role: "odoo", setting: "hash_mem_multiplier", value: "1" });
    expect(lower).toMatchObject({ status: 200, body: { direction: "lower", effective: { value: "2", level: "server" } } });
    expect(await show(c, "odoo", "odoo2", "hash_mem_multiplier")).toBe("1");
    expect(await revertAll()).toMatchObject({ status: 200 });
  });

  it("the console's own role settings do not pass for the server value", async () => {
    await admin.query(`alter role postgres set work_mem = '64MB'`);
    await closeActionConnections(); // its reset_val now says 64MB
    try {
      const dry = await preset({ dryRun: true });
      expect(dry.body.diff.find((d: { setting: string }) => d.setting === "work_mem")).toMatchObject({ effective: { value: "4MB", level: "server" }, value: "2MB" });
    } finally {
      await admin.query(`alter role postgres reset work_mem`);
      await closeActionConnections();
    }
  });

  it("CONNECTION LIMIT: applies, shows in force, reverts exactly (to -1 and to a prior number); a raise needs confirmRaise", async () => {
    const limit = async () => (await admin.query("select rolconnlimit from pg_roles where rolname = 'odoo'")).rows[0].rolconnlimit as number;
    const a = await apply({ role: "odoo", setting: "connection_limit", value: 5, expiresInMinutes: 30 });
    expect(a).toMatchObject({ status: 200, body: { guardrail: { prior: "-1", value: "5" }, direction: "lower", effective: { value: "-1" } } });
    expect(await limit()).toBe(5);
    expect(((await auditOf(a.body.auditId))[0].sql as string)).toMatch(/alter role "odoo" connection limit 5;/);
    const view = (await call(H.list, T, undefined, "GET")).body;
    expect(view.settings).toEqual(expect.arrayContaining([expect.objectContaining({ role: "odoo", database: null, setting: "connection_limit", value: "5", source: "pg-triage" })]));
    expect(view.guardrails).toEqual([expect.objectContaining({ setting: "connection_limit", value: "5", prior: "-1", changedOutside: false })]);
    expect(await call(H.revert, { ...T, guardrailId: a.body.guardrail.id }, {})).toMatchObject({ status: 200, body: { guardrail: { before: "5", after: "-1" } } });
    expect(await limit()).toBe(-1);

    await admin.query("alter role odoo connection limit 10");
    expect(await apply({ role: "odoo", setting: "connection_limit", value: 20 })).toMatchObject({ status: 409, body: { error: { code: "raise_not_confirmed" } } });
    expect(await apply({ role: "odoo", setting: "connection_limit", value: -1 })).toMatchObject({ status: 409 });
    expect(await limit()).toBe(10);
    const b = await apply({ role: "odoo", setting: "connection_limit", value: "3" });
    expect(b).toMatchObject({ status: 200, body: { guardrail: { prior: "10", value: "3" } } });
    expect(await limit()).toBe(3);
    expect(await call(H.revert, { ...T, guardrailId: b.body.guardrail.id }, {})).toMatchObject({ status: 200 });
    expect(await limit()).toBe(10);
    await admin.query("alter role odoo connection limit -1");
  });

  it("CONNECTION LIMIT: bad input is a 400 naming the field; an unknown role is named too; nothing changes", async () => {
    for (const value of [-2, 2.5, "ten", "5; alter role odoo superuser", 300000]) {
      expect(await apply({ role: "odoo", setting: "connection_limit", value })).toMatchObject({ status: 400, body: { error: { code: "invalid_input", message: expect.stringMatching(/^value: /) } } });
    }
    expect(await apply({ role: "odoo", database: "odoo", setting: "connection_limit", value: 5 })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^database: connection_limit is per role/) } } });
    expect(await apply({ role: "no_such_role", setting: "connection_limit", value: 5 })).toMatchObject({ status: 404, body: { error: { code: "unknown_role", message: expect.stringMatching(/^role: /) } } });
    expect((await admin.query("select rolconnlimit, rolsuper from pg_roles where rolname = 'odoo'")).rows[0]).toEqual({ rolconnlimit: -1, rolsuper: false });
  });

  describe("bulk filters", () => {
    const T2 = `t-${kind}`;
    const ids = async (app: string) => (await admin.query("select pid, backend_start::text as bs from pg_stat_activity where application_name like $1 order by application_name", [app])).rows;

    it("connection age, client address (exact or CIDR) and an application glob", async () => {
      await connect(c, "app", "odoo", "sd-old");
      await new Promise((r) => setTimeout(r, 1500));
      await connect(c, "app", "odoo", "sd-new");
      await connect(c, "app", "odoo", "sd-unix", `${c.root}/run`); // unix socket: no client_addr
      await connect(c, "app", "odoo", "sd_x-Case");
      await connect(c, "app", "odoo", "sdzx-case");
      const names = async (filter: Record<string, unknown>) => {
        const p = await previewBulk(T2, "cancel", filter);
        if (!p.ok) throw new Error(p.message);
        return p.result.sessions.map((s) => s.applicationName).sort();
      };
      expect(await names({ application: "sd-*", minConnectionSeconds: 1 })).toEqual(["sd-old"]);
      expect(await names({ application: "sd-*", clientAddr: "127.0.0.0/8" })).toEqual(["sd-new", "sd-old"]);
      expect(await names({ application: "sd-*", clientAddr: "127.0.0.1" })).toEqual(["sd-new", "sd-old"]);
      expect(await names({ application: "sd-*", clientAddr: "10.0.0.0/8" })).toEqual([]);
      expect(await names({ application: "sd-*" })).toEqual(["sd-new", "sd-old", "sd-unix"]);
      expect(await names({ application: "sd_x-*" })).toEqual(["sd_x-Case"]); // _ is literal, not "any character"
      expect(await names({ application: "sd*-case" })).toEqual(["sdzx-case"]); // case-sensitive
      expect(await names({ application: "SD-*" })).toEqual([]);
    });

    it("bad filters are a 400 naming the field", async () => {
      const bad = (filter: Record<string, unknown>) => call(H.bulk, { id: T2 }, { action: "cancel", filter, dryRun: true });
      expect(await bad({ clientAddr: "300.1.1.1" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^filter\.clientAddr: /) } } });
      expect(await bad({ clientAddr: "10.0.0.0/33" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^filter\.clientAddr: .*0\.\.32/) } } });
      expect(await bad({ clientAddr: "10.0.0.1'; select 1; --" })).toMatchObject({ status: 400 });
      expect(await bad({ minConnectionSeconds: -1 })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^filter\.minConnectionSeconds: /) } } });
      expect(await call(H.bulk, { id: T2 }, { action: "cancel", filter: { clientAddr: "127.0.0.1/32" }, dryRun: true })).toMatchObject({ status: 200 });
    });

    it("confirm re-checks the previewed list: gone and different sessions are not signalled, changed ones are marked", async () => {
      const stay = await connect(c, "app", "odoo", "sd-mark-a");
      const leave = await connect(c, "app", "odoo", "sd-mark-b");
      const change = await connect(c, "app", "odoo", "sd-mark-c");
      const other = await connect(c, "app", "odoo", "sd-mark-d");
      await until(async () => (await ids("sd-mark-%")).length === 4, 3000, "4 sessions");
      const p = await previewBulk(T2, "terminate", { application: "sd-mark-*" });
      if (!p.ok) throw new Error(p.message);
      const byApp = new Map(p.result.sessions.map((s) => [s.applicationName, s]));
      const pidB = byApp.get("sd-mark-b")!.pid;
      await leave.end();
      await until(async () => (await admin.query("select 1 from pg_stat_activity where pid = $1", [pidB])).rowCount === 0, 3000, "b gone");
      await change.query("select 2");
      const list = p.result.sessions.map((s) => ({
        pid: s.pid,
        // d: a backend_start that is not the one running under that pid now — another session.
        backendStart: s.applicationName === "sd-mark-d" ? "2020-01-01 00:00:00.000001+00" : s.backendStart!,
        state: s.state,
        queryStart: s.queryStart,
      }));
      const ended = [stay, change].map((x) => new Promise((res) => x.once("error", res)));
      const r = await confirmBulk(T2, "terminate", { application: "sd-mark-*" }, list, { actor, db });
      if (!r.ok) throw new Error(r.message);
      const out = new Map(r.result.results.map((x) => [p.result.sessions.find((s) => s.pid === x.pid)!.applicationName, x]));
      expect(out.get("sd-mark-a")).toMatchObject({ outcome: "ok" });
      expect(out.get("sd-mark-a")!.sincePreview).toBeUndefined();
      expect(out.get("sd-mark-b")).toMatchObject({ outcome: "gone", message: expect.stringMatching(/gone since the preview, not signalled/) });
      expect(out.get("sd-mark-c")).toMatchObject({ outcome: "ok", sincePreview: { changed: ["query"], state: "idle" } });
      expect(out.get("sd-mark-d")).toMatchObject({ outcome: "pid_reused", message: expect.stringMatching(/another session.*not signalled/) });
      await Promise.all(ended);
      expect((await other.query("select 1 as one")).rows[0].one).toBe(1); // not signalled
      const gone = await storeRaw.query(`select outcome, subject from "AuditEvent" where action = 'session.terminate' and (subject->>'pid')::int = $1`, [pidB]);
      expect(gone.rows.map((x) => x.outcome)).toEqual(["not_found"]);
    });
  });
});
