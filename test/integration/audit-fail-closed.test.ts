// "No audit intent, no action", for every kind of mutation: with the audit table refusing writes (the
// rest of the store up), each route answers 503 audit_unavailable and NOTHING reaches the target or
// the store: no ALTER ROLE (the target logs every DDL), no signal, no command, no incident row.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeActionConnections } from "../../lib/server/actions/registry";
import { setAuditKey } from "../../lib/server/audit/key";
import { verifyChain } from "../../lib/server/audit/verify";
import { parseConfig } from "../../lib/server/config";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { breakAudit, callRoute, mutatingRoutes, repairAudit } from "../fixtures/routes";
import { openTestStore } from "../fixtures/test-store";
import { until } from "../fixtures/wait";

process.env.TRIAGE_GUARDRAILS_VIEW_MS = "0";

let store: LocalCluster;
let target: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
let admin: pg.Client;
let R: Awaited<ReturnType<typeof mutatingRoutes>>;
const tokens: Record<string, string> = {};
const open: pg.Client[] = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-fail-closed-"));
const marker = path.join(scratch, "command-ran");
const T = { id: "fc" };

const call = (who: string, h: keyof typeof R, method: string, params: Record<string, string>, body?: unknown) => callRoute(R[h], tokens[who], method, params, body);
const auditCount = async () => (await storeRaw.query(`select count(*)::int as n from "AuditEvent"`)).rows[0].n as number;
const setconfig = async (role: string) =>
  (await admin.query(`select s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = $1 and s.setdatabase = 0`, [role])).rows[0]?.setconfig ?? null;
/** The target's log from now on: every DDL statement it runs is there (log_statement = ddl). */
const logMark = () => {
  const file = path.join(target.root, "postgres.log");
  const from = fs.statSync(file).size;
  return () => fs.readFileSync(file, "utf8").slice(from);
};

const UNAVAILABLE = { status: 503, body: { error: { code: "audit_unavailable", message: expect.stringMatching(/^the audit trail cannot be written: .*nothing was done$/) } } };

async function session(app: string, user = "postgres"): Promise<pg.Client> {
  const c = await openClient(target.urlFor("postgres", user), app);
  open.push(c);
  return c;
}

beforeAll(async () => {
  [store, target] = await Promise.all([startCluster({ kind: "embedded-18" }), startCluster({ kind: "embedded-18", settings: { log_statement: "ddl" } })]);
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  admin = await session("test-admin");
  await admin.query("create role odoo login");
  setAuditKey("f".repeat(40));
  const postgres = { url: target.url };
  const config = parseConfig(
    {
      targets: [
        { id: "fc", postgres, host: { local: true }, commands: [{ name: "touch-it", run: `touch ${marker}`, role: "operator" }] },
        { id: "fc-free", postgres },
      ],
    },
    "test",
  );
  createMonitors(config, 1000); // not started: mutations use their own connections
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  for (const [name, role] of [["alice", "operator"], ["bob", "operator"]] as const) {
    tokens[name] = (await createToken(db, (await addUser(db, { username: name, password: "correct-horse-9", role }, { scrypt: { N: 1024, r: 8, p: 1 } })).id, "t")).token;
  }
  R = await mutatingRoutes();
});

afterEach(() => repairAudit(storeRaw));

afterAll(async () => {
  await closeActionConnections();
  clearStore();
  await Promise.all(open.map((c) => c.end().catch(() => {})));
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await Promise.all([store?.destroy(), target?.destroy()]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("with the audit table refusing writes", () => {
  it("guardrails: apply, preset, revert, revert all and recycle are refused; no ALTER ROLE, no session ended, no row changed", async () => {
    const old = await session("pre-change", "odoo"); // an idle session from before the change, for recycle
    expect(await call("alice", "take", "POST", T, {})).toMatchObject({ status: 200 });
    const setupLog = logMark();
    const g = await call("alice", "apply", "POST", T, { role: "odoo", setting: "work_mem", value: "2MB" });
    expect(g).toMatchObject({ status: 200 });
    expect(setupLog()).toMatch(/alter role "odoo" set work_mem = '2MB'/i); // the log does show an ALTER
    const guardrails = await db.guardrail.findMany({ orderBy: { id: "asc" } });
    const rows = await auditCount();

    await breakAudit(storeRaw);
    const log = logMark();
    expect(await call("alice", "apply", "POST", T, { role: "odoo", setting: "statement_timeout", value: "30s" })).toMatchObject(UNAVAILABLE);
    expect(await call("alice", "preset", "POST", T, { role: "odoo", database: "postgres" })).toMatchObject(UNAVAILABLE);
    expect(await call("alice", "revert", "POST", { ...T, guardrailId: g.body.guardrail.id }, {})).toMatchObject(UNAVAILABLE);
    const all = await call("alice", "revert", "POST", { ...T, guardrailId: "all" }, {});
    expect(all.body).toMatchObject({ ok: false, results: [{ id: g.body.guardrail.id, ok: false, error: { code: "audit_unavailable" } }] });
    expect(await call("bob", "recycle", "POST", { ...T, guardrailId: g.body.guardrail.id }, {})).toMatchObject(UNAVAILABLE);

    expect(log()).not.toMatch(/alter role/i);
    expect(await setconfig("odoo")).toEqual(["work_mem=2MB"]);
    expect((await old.query("select 1 as ok")).rows[0].ok).toBe(1); // not terminated
    expect(await db.guardrail.findMany({ orderBy: { id: "asc" } })).toEqual(guardrails);
    expect(await auditCount()).toBe(rows);
  });

  it("helm: take, forced take and release are refused; who holds the helm does not change", async () => {
    const before = await db.helm.findMany({ orderBy: { targetId: "asc" } });
    expect(before.map((h) => [h.targetId, h.holderUsername])).toEqual([["fc", "alice"]]);
    await breakAudit(storeRaw);
    expect(await call("alice", "take", "POST", { id: "fc-free" }, {})).toMatchObject(UNAVAILABLE);
    expect(await call("bob", "take", "POST", T, { force: true, reason: "alice is away" })).toMatchObject(UNAVAILABLE);
    expect(await call("bob", "take", "POST", T, {})).toMatchObject(UNAVAILABLE); // even the refusal cannot be recorded
    expect(await call("alice", "release", "DELETE", T)).toMatchObject(UNAVAILABLE);
    expect(await db.helm.findMany({ orderBy: { targetId: "asc" } })).toEqual(before);
  });

  it("commands: a run is refused and the command never starts (also on a second try)", async () => {
    await breakAudit(storeRaw);
    for (let i = 0; i < 2; i++) expect(await call("alice", "run", "POST", { id: "fc", name: "touch-it" }, { confirm: "touch-it" })).toMatchObject(UNAVAILABLE);
    expect(fs.existsSync(marker)).toBe(false);
    await repairAudit(storeRaw);
    // The same call with the audit back runs it: the refusal above was the audit's, not the command's.
    expect(await call("alice", "run", "POST", { id: "fc", name: "touch-it" }, { confirm: "touch-it" })).toMatchObject({ status: 200, body: { ok: true, exitCode: 0 } });
    expect(fs.existsSync(marker)).toBe(true);
  });

  it("incidents: open, close, step and note are refused; no incident, step or note is stored", async () => {
    const inc = await call("alice", "open", "POST", T, { title: "memory pressure", severity: "sev2" });
    expect(inc).toMatchObject({ status: 200 });
    const id = inc.body.id as string;
    await breakAudit(storeRaw);
    expect(await call("alice", "open", "POST", { id: "fc-free" }, { title: "another", severity: "sev3" })).toMatchObject(UNAVAILABLE);
    expect(await call("alice", "step", "POST", { id }, { stepKey: "0.1", checked: true, note: "done" })).toMatchObject(UNAVAILABLE);
    expect(await call("alice", "note", "POST", { id }, { text: "cron paused" })).toMatchObject(UNAVAILABLE);
    expect(await call("alice", "close", "POST", { id }, { summary: "resolved" })).toMatchObject(UNAVAILABLE);
    expect(await db.incident.findMany({ select: { id: true, targetId: true, status: true } })).toEqual([{ id, targetId: "fc", status: "open" }]);
    expect(await db.incidentStep.count()).toBe(0);
    expect(await db.incidentNote.count()).toBe(0);
  });

  it("sessions: cancel, terminate and a bulk terminate are refused; the victim keeps running its query", async () => {
    const victim = await session("fail-closed-victim");
    const failed = victim.query("select pg_sleep(60)").then(() => null, (e: { code?: string }) => e);
    const { pid, backendStart } = await until(async () => {
      const r = await admin.query(`select pid, backend_start::text as "backendStart" from pg_stat_activity where application_name = 'fail-closed-victim' and state = 'active'`);
      return r.rows[0] as { pid: number; backendStart: string } | undefined;
    }, 5000, "the victim's query");
    await breakAudit(storeRaw);
    const params = { id: "fc", pid: String(pid) };
    expect(await call("alice", "cancel", "POST", params, { backendStart })).toMatchObject(UNAVAILABLE);
    expect(await call("alice", "terminate", "POST", params, { backendStart })).toMatchObject(UNAVAILABLE);
    const bulk = await call("alice", "bulk", "POST", { id: "fc" }, { action: "terminate", filter: { application: "fail-closed-victim" }, dryRun: false, sessions: [{ pid, backendStart }] });
    expect(bulk).toMatchObject({ status: 503, body: { error: { code: "audit_unavailable" } } });
    const now = await admin.query(`select state, backend_start::text as bs from pg_stat_activity where pid = $1`, [pid]);
    expect(now.rows).toEqual([{ state: "active", bs: backendStart }]);
    await admin.query("select pg_cancel_backend($1)", [pid]);
    expect(((await failed) as { code?: string } | null)?.code).toBe("57014"); // it was still running until now
  });

  it("leaves no partial row: the trail still verifies", async () => {
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });
});
