// Incidents and the runbook checklist against a real store and a real monitored cluster, through the
// route handlers: one open incident per target (also when opens race), audited steps and notes, and
// evidence that follows a real state change on the monitored database.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAuditKey } from "../../lib/server/audit/key";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import type { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openIncident } from "../../lib/server/incidents/incidents";
import type { IncidentDetail, TargetIncidents } from "../../lib/incidents";
import { openTestStore } from "../fixtures/test-store";
import { openClient } from "../fixtures/pg-client";
import { nextSnapshot, until } from "../fixtures/wait";

// Evidence is read right after each change: no shared view between reads.
process.env.TRIAGE_EVIDENCE_VIEW_MS = "0";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const T = { id: "inc" };

let store: LocalCluster;
let target: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
let monitor: TargetMonitor;
const open: pg.Client[] = [];
const tokens: Record<string, string> = {};
const actors: Record<string, { userId: string; username: string; role: string; via: "token"; clientAddr: string; userAgent: null }> = {};
let H: { list: Handler; open: Handler; detail: Handler; close: Handler; steps: Handler; notes: Handler };

async function call(h: Handler, who: string, method: string, params: Record<string, string>, body?: unknown, query = "") {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[who]}`, "user-agent": "vitest-incidents" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await h(new Request(`http://127.0.0.1/x${query}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  return { status: r.status, body: await r.json() };
}

async function audit(id: string) {
  return (await storeRaw.query(`select phase, action, "targetId", outcome, username, subject, message from "AuditEvent" where id = $1 or "intentId" = $1 order by id`, [id])).rows;
}

const detail = async (id: string) => (await call(H.detail, "vera", "GET", { id })).body as IncidentDetail;
const stepOf = (d: IncidentDetail, key: string) => d.checklist.find((s) => s.key === key)!;

beforeAll(async () => {
  [store, target] = await Promise.all([startCluster({ kind: "embedded-18" }), startCluster({ kind: "embedded-18" })]);
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  setAuditKey("k".repeat(40));
  monitor = createMonitors({ targets: [{ id: T.id, name: "incidents", postgres: { url: target.url }, host: { local: true } }] } as never, 250).get(T.id)!;
  monitor.start();

  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  const fast = { scrypt: { N: 1024, r: 8, p: 1 } };
  for (const [name, role] of [["alice", "operator"], ["bob", "operator"], ["vera", "viewer"]] as const) {
    const u = await addUser(db, { username: name, password: "correct-horse-9", role }, fast);
    tokens[name] = (await createToken(db, u.id, "t")).token;
    actors[name] = { userId: u.id, username: name, role, via: "token", clientAddr: "127.0.0.1", userAgent: null };
  }
  const list = await import("../../app/api/targets/[id]/incidents/route");
  H = {
    list: list.GET,
    open: list.POST,
    detail: (await import("../../app/api/incidents/[id]/route")).GET,
    close: (await import("../../app/api/incidents/[id]/close/route")).POST,
    steps: (await import("../../app/api/incidents/[id]/steps/route")).POST,
    notes: (await import("../../app/api/incidents/[id]/notes/route")).POST,
  };
  await nextSnapshot(monitor, (s) => s.postgres.status === "up" && s.host?.status === "up", 10_000);
}, 60_000);

afterAll(async () => {
  await monitor?.stop();
  clearStore();
  await Promise.all(open.map((c) => c.end().catch(() => {})));
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await Promise.all([target?.destroy(), store?.destroy()]);
});

describe("incidents", () => {
  it("opens one incident per target, audited, with the host's oom_kill counter; refuses a second, a viewer and bad input", async () => {
    expect(await call(H.open, "alice", "POST", T, { title: "OOM", severity: "sev9" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^severity/) } } });
    expect(await call(H.open, "alice", "POST", T, { title: "  ", severity: "sev2" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^title/) } } });
    expect(await call(H.open, "vera", "POST", T, { title: "OOM", severity: "sev2" })).toMatchObject({ status: 403 });
    expect(await call(H.open, "alice", "POST", { id: "nope" }, { title: "OOM", severity: "sev2" })).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });

    const r = await call(H.open, "alice", "POST", T, { title: "Odoo workers OOM-killed", severity: "sev2" });
    expect(r).toMatchObject({ status: 200, body: { ok: true, id: expect.any(String), auditId: expect.any(String) } });
    const rows = await audit(r.body.auditId);
    expect(rows.map((x) => [x.phase, x.action, x.targetId, x.outcome, x.username])).toEqual([
      ["intent", "incident.open", "inc", null, "alice"],
      ["outcome", "incident.open", "inc", "ok", "alice"],
    ]);
    expect(rows[0].subject).toMatchObject({ incidentId: r.body.id, title: "Odoo workers OOM-killed", severity: "sev2" });
    const d = await detail(r.body.id);
    expect(d.incident).toMatchObject({ status: "open", openedBy: "alice", auditId: r.body.auditId, oomKillsAtOpen: monitor.hostMonitor!.current().oomKills });

    const again = await call(H.open, "bob", "POST", T, { title: "me too", severity: "sev1" });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "incident_open", incident: { id: r.body.id }, message: expect.stringContaining(r.body.id) } } });
    expect((await audit(again.body.error.auditId))[0]).toMatchObject({ action: "incident.open", outcome: "refused", username: "bob" });

    const listed = (await call(H.list, "vera", "GET", T, undefined, "?status=open")).body as TargetIncidents;
    expect(listed.incidents.map((i) => i.id)).toEqual([r.body.id]);
    expect((await call(H.list, "vera", "GET", T, undefined, "?status=closed")).status).toBe(400);

    const closed = await call(H.close, "bob", "POST", { id: r.body.id }, { summary: "workers capped, guardrails applied" });
    expect(closed).toMatchObject({ status: 200, body: { ok: true, incident: { status: "closed", closedBy: "bob", summary: "workers capped, guardrails applied" } } });
    expect((await audit(closed.body.auditId)).map((x) => [x.phase, x.action, x.outcome])).toEqual([["intent", "incident.close", null], ["outcome", "incident.close", "ok"]]);
    expect(await call(H.close, "bob", "POST", { id: r.body.id }, { summary: "again" })).toMatchObject({ status: 409, body: { error: { code: "incident_closed" } } });
    expect((await call(H.list, "vera", "GET", T, undefined, "?status=open")).body.incidents).toEqual([]);
  });

  it("two opens at once: exactly one wins, the other is told which one is open (the unique index decides)", async () => {
    const results = await Promise.all([0, 1, 2, 3].map((i) => openIncident(db, T.id, actors[i % 2 ? "bob" : "alice"], { title: `race ${i}`, severity: "sev3" })));
    const winners = results.filter((x) => x.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0] as Extract<(typeof results)[number], { ok: true }>;
    // The losers that passed the first check were stopped by the index: an intent, then "refused".
    const losers = results.filter((x) => !x.ok) as { auditId?: string }[];
    const trails: string[] = [];
    for (const l of losers) trails.push((await audit(l.auditId!)).map((r) => `${r.phase}:${r.outcome}`).join(",")); // one client: one query at a time
    expect(trails.some((t) => t === "intent:null,outcome:refused")).toBe(true);
    for (const l of results.filter((x) => !x.ok)) expect(l).toMatchObject({ ok: false, status: 409, code: "incident_open", message: expect.stringContaining(winner.result.id) });
    expect(Number((await storeRaw.query(`select count(*) from "Incident" where "targetId" = 'inc' and status = 'open'`)).rows[0].count)).toBe(1);
    await call(H.close, "alice", "POST", { id: winner.result.id }, { summary: "race done" });
  });

  it("a step is checked with a note and the evidence of that moment, audited; unknown steps, closed incidents and viewers are refused", async () => {
    const { body } = await call(H.open, "alice", "POST", T, { title: "checklist", severity: "sev3" });
    const id = body.id as string;
    expect(await call(H.steps, "alice", "POST", { id }, { stepKey: "9.9", checked: true })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^stepKey: unknown step/) } } });
    expect(await call(H.steps, "vera", "POST", { id }, { stepKey: "3.2", checked: true })).toMatchObject({ status: 403 });

    const s = await call(H.steps, "alice", "POST", { id }, { stepKey: "3.2", checked: true, note: "replica is fine" });
    expect(s).toMatchObject({ status: 200, body: { ok: true, step: { key: "3.2", checked: true, by: "alice", note: "replica is fine" } } });
    const rows = await audit(s.body.auditId);
    expect(rows.map((x) => [x.phase, x.action, x.targetId, x.outcome])).toEqual([["intent", "incident.step", "inc", null], ["outcome", "incident.step", "inc", "ok"]]);
    expect(rows[0].subject).toMatchObject({ incidentId: id, stepKey: "3.2", checked: true, note: "replica is fine", evidence: [{ kind: "pg_health", status: "ok" }, { kind: "session_counts" }] });

    const n = await call(H.notes, "bob", "POST", { id }, { text: "paused the BI export" });
    expect(n).toMatchObject({ status: 200, body: { note: { text: "paused the BI export", by: "bob" } } });
    expect((await audit(n.body.auditId))[1]).toMatchObject({ action: "incident.note", outcome: "ok" });

    const d = await detail(id);
    expect(stepOf(d, "3.2")).toMatchObject({ checked: true, by: "alice", note: "replica is fine", evidenceAtCheck: [{ kind: "pg_health" }, { kind: "session_counts" }] });
    expect(stepOf(d, "3.2").evidence.map((e) => e.kind)).toEqual(["pg_health", "session_counts"]);
    expect(stepOf(d, "0.1")).toMatchObject({ checked: false, by: null, evidence: [] });
    expect(d.checklist).toHaveLength(19);
    expect(d.notes).toMatchObject([{ text: "paused the BI export", by: "bob" }]);
    expect(stepOf(d, "2.2").evidence[0]).toMatchObject({ kind: "actions_taken", status: "unknown" });
    expect(stepOf(d, "0.3").evidence[0]).toMatchObject({ kind: "helm", status: "bad" });
    expect(stepOf(d, "1.1").evidence[0]).toMatchObject({ kind: "host_pressure", status: expect.stringMatching(/ok|bad/) });

    await call(H.steps, "alice", "POST", { id }, { stepKey: "3.2", checked: false });
    expect(stepOf(await detail(id), "3.2")).toMatchObject({ checked: false, note: null });

    await call(H.close, "alice", "POST", { id }, { summary: "done" });
    const late = await call(H.steps, "alice", "POST", { id }, { stepKey: "3.1", checked: true });
    expect(late).toMatchObject({ status: 409, body: { error: { code: "incident_closed" } } });
    expect((await audit(late.body.error.auditId))[0]).toMatchObject({ action: "incident.step", outcome: "refused" });
    expect(await call(H.notes, "alice", "POST", { id }, { text: "late" })).toMatchObject({ status: 409 });
    expect(await call(H.close, "alice", "POST", { id }, {})).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^summary/) } } });
    // A closed incident shows what was recorded, not live evidence.
    expect(stepOf(await detail(id), "3.2").evidence).toEqual([]);
  });

  it("a checklist step's evidence turns green from a real state change: an idle-in-transaction session, then its commit", async () => {
    const { body } = await call(H.open, "alice", "POST", T, { title: "idle in transaction", severity: "sev2" });
    const id = body.id as string;
    const counts = async () => stepOf(await detail(id), "3.2").evidence.find((e) => e.kind === "session_counts")!;
    expect(await counts()).toMatchObject({ status: "ok", text: expect.stringContaining("0 idle in transaction") });

    const holder = await openClient(target.url, "odoo-worker");
    open.push(holder);
    await holder.query("begin; select 1");
    // Over the 60 s threshold, measured by the monitored database's own clock.
    const bad = await until(async () => { const e = await counts(); return e.status === "bad" && e; }, 75_000, "session_counts to turn bad");
    expect(bad.text).toMatch(/1 idle in transaction, oldest 1m 0\ds \(over 1m 00s\)/);
    // The list route's checklist (what the live view polls) shows the same.
    const listed = (await call(H.list, "vera", "GET", T, undefined, "?status=open&checklist=1")).body as TargetIncidents;
    expect(listed.checklist!.find((s) => s.key === "3.2")!.evidence[1]).toMatchObject({ kind: "session_counts", status: "bad" });

    await holder.query("commit");
    const ok = await until(async () => { const e = await counts(); return e.status === "ok" && e; }, 5_000, "session_counts to turn ok");
    expect(ok.text).toContain("0 idle in transaction");
    await call(H.close, "alice", "POST", { id }, { summary: "done" });
  }, 90_000);
});

describe("an incident opened after the fact", () => {
  const GiB = 1024n ** 3n;
  const MiB = 1024 ** 2;
  afterAll(async () => {
    const { closeActionConnections } = await import("../../lib/server/actions/registry");
    await closeActionConnections();
  });

  it("adopts the cancel and the guardrail change made before it was opened: timeline, Markdown report, impact table, the cancel's effect", async () => {
    const { cancelSession } = await import("../../lib/server/actions/single");
    const { applyGuardrails } = await import("../../lib/server/guardrails/apply");
    const { takeHelm, releaseHelm } = await import("../../lib/server/guardrails/helm");
    const { loadTimeline } = await import("../../lib/server/report/timeline");
    const { renderMarkdown } = await import("../../lib/server/report/markdown");
    const t0 = Date.now();
    const start = new Date(t0 - 20 * 60_000);

    // Metric history as the recorder stores it, every 5 s from 5 minutes before the start: calm, a dip, recovery.
    let temp = 0n;
    const rows = [];
    for (let at = start.getTime() - 5 * 60_000; at < t0; at += 5000) {
      const phase = at < start.getTime() ? "before" : at >= t0 - 90_000 ? "after" : at >= start.getTime() + 5 * 60_000 && at < start.getTime() + 6 * 60_000 ? "dip" : "during";
      const v = { before: [4n, 3, 1, 0, 0, 5], during: [2n, 6, 1, 1, 10, 5], dip: [GiB / 2n, 40, 4, 7, 800, 50], after: [3n, 5, 0, 0, 0, 0] }[phase];
      temp += BigInt(Number(v[5]) * MiB);
      rows.push({ targetId: T.id, at: new Date(at), postgresUp: true, memTotalBytes: 8n * GiB, memAvailableBytes: phase === "dip" ? (v[0] as bigint) : (v[0] as bigint) * GiB, active: v[1] as number, idleInTransaction: v[2] as number, waitingOnLocks: v[3] as number, swapInPerSec: v[4] as number, tempBytes: temp });
    }
    await db.metricSample.createMany({ data: rows });

    // People act first: alice cancels a real pg_sleep and caps work_mem for odoo...
    const admin = await openClient(target.url, "adopt-admin");
    open.push(admin);
    await admin.query("create role odoo login; alter role odoo set work_mem = '64MB'");
    const victim = await openClient(target.url, "victim-adopt");
    open.push(victim);
    const failed = victim.query("select pg_sleep(30)").then(() => null, (e: { code?: string }) => e.code);
    const v = await until(async () => (await admin.query("select pid, backend_start::text as bs from pg_stat_activity where application_name = 'victim-adopt' and state = 'active'")).rows[0], 10_000, "the victim's query");
    const cancelled = await cancelSession(T.id, v.pid, v.bs, { actor: actors.alice, db });
    expect(cancelled).toMatchObject({ ok: true, result: { goneAfter: true } });
    expect(await failed).toBe("57014");
    if (!cancelled.ok) return;
    expect((await audit(cancelled.auditId)).map((x) => [x.phase, x.outcome, x.message])).toEqual([["intent", null, null], ["outcome", "ok", "query stopped"]]);
    expect((await takeHelm(db, T.id, actors.alice, false)).ok).toBe(true);
    const applied = await applyGuardrails(T.id, [{ role: "odoo", database: null, setting: "work_mem", value: "16MB" }], { actor: actors.alice, db, action: "guardrail.apply" });
    expect(applied.ok).toBe(true);

    // ...then opens the incident. A start in the future or more than 24 h back is refused, and nothing is opened.
    const future = await call(H.open, "alice", "POST", T, { title: "late", severity: "sev2", adoptSince: new Date(t0 + 3_600_000).toISOString() });
    expect(future).toMatchObject({ status: 400, body: { error: { message: "adoptSince: must not be in the future" } } });
    const old = await call(H.open, "alice", "POST", T, { title: "late", severity: "sev2", adoptSince: new Date(t0 - 25 * 3_600_000).toISOString() });
    expect(old).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^adoptSince: must be at most 24 h back/) } } });
    expect(await call(H.open, "alice", "POST", T, { title: "late", severity: "sev2", adoptSince: "yesterday" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^adoptSince:/) } } });
    expect((await call(H.list, "vera", "GET", T, undefined, "?status=open")).body.incidents).toEqual([]);

    const r = await call(H.open, "alice", "POST", T, { title: "Workers OOM-killed since 10:00", severity: "sev1", adoptSince: start.toISOString() });
    expect(r).toMatchObject({ status: 200, body: { incident: { startedAt: start.toISOString() } } });
    expect((await audit(r.body.auditId))[0].subject).toMatchObject({ adoptSince: start.toISOString() });
    await call(H.close, "alice", "POST", { id: r.body.id }, { summary: "adopted" });
    expect((await releaseHelm(db, T.id, actors.alice)).ok).toBe(true);

    const t = (await loadTimeline(db, r.body.id))!;
    const opened = Date.parse(t.incident.openedAt);
    const acted = t.events.filter((e) => e.id.startsWith("audit:") && e.actor === "alice");
    expect(acted.map((e) => e.title)).toEqual(expect.arrayContaining([`Cancel pid ${v.pid}: query stopped`, "Guardrail work_mem for odoo"]));
    expect(acted.filter((e) => e.title.startsWith("Cancel") || e.title.startsWith("Guardrail")).every((e) => Date.parse(e.at) < opened)).toBe(true);
    expect(t.events[0]).toMatchObject({ id: "incident:start", at: start.toISOString() });

    const row = (k: string) => t.impact.rows.find((x) => x.key === k)!;
    expect(row("memAvailable")).toEqual({ key: "memAvailable", before: 4 * 1024 ** 3, worst: 1024 ** 3 / 2, after: 3 * 1024 ** 3 });
    expect(t.impact.memAvailablePct).toEqual({ before: 50, worst: 6.25, after: 37.5 });
    expect(row("active")).toMatchObject({ before: 3, worst: 40, after: 5 });
    expect(row("idleInTransaction")).toMatchObject({ before: 1, worst: 4, after: 0 });
    expect(row("waitingOnLocks")).toMatchObject({ before: 0, worst: 7, after: 0 });
    expect(row("swapIn")).toMatchObject({ before: 0, worst: 800, after: 0 });
    expect(row("tempBytesPerSec")).toMatchObject({ before: MiB, worst: 10 * MiB, after: 0 });

    const md = renderMarkdown(t);
    expect(md).toContain(`- **Started:** ${start.toISOString().slice(0, 19).replace("T", " ")} UTC (adopted`);
    expect(md).toMatch(new RegExp(`\\(before open\\) \\| alice \\| Cancel pid ${v.pid}: query stopped \\| ok \\|`));
    expect(md).toMatch(/\(before open\) \| alice \| Guardrail work\\_mem for odoo \| ok \| work\\_mem for odoo: 64MB → 16MB/);
    expect(md).toContain("| MemAvailable | 4 GiB (50 %) | 512 MiB (6.3 %) | 3 GiB (37.5 %) |");
    expect(md).toContain("| Waiting on locks | 0 | 7 | 0 |");
    expect(md).toContain("| Temp bytes/s | 1 MiB/s | 10 MiB/s | 0 B/s |");

    // The audit page's paired view: outcomes only by filter, and pairs=1 brings each one's intent along.
    const { GET } = await import("../../app/api/audit/route");
    const page = await call(GET as Handler, "vera", "GET", {}, undefined, `?target=${T.id}&action=session.cancel&phase=outcome&pairs=1`);
    expect(page.status).toBe(200);
    expect(page.body.entries.some((e: { intentId: string }) => e.intentId === cancelled.auditId)).toBe(true);
    expect(page.body.partners).toEqual(expect.arrayContaining([expect.objectContaining({ id: cancelled.auditId, phase: "intent", action: "session.cancel" })]));
    expect((await call(GET as Handler, "vera", "GET", {}, undefined, `?phase=outcome`)).body.partners).toBeUndefined();
  }, 60_000);
});
