// The incident timeline and Markdown report against a real store and a real target: the incident, its
// step and note, the cancel, the helm, the guardrails and a command are done by the real functions (their
// audit rows and store rows are the input); signals, an alert and metric history are stored as their
// modules store them. Window edges are checked on both sides and for another target.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "../../lib/audit";
import type { IncidentTimeline } from "../../lib/report";
import { closeActionConnections } from "../../lib/server/actions/registry";
import { cancelSession } from "../../lib/server/actions/single";
import { setAuditKey } from "../../lib/server/audit/key";
import { runCommand } from "../../lib/server/commands/run";
import { parseConfig } from "../../lib/server/config";
import { applyGuardrails } from "../../lib/server/guardrails/apply";
import { releaseHelm, takeHelm } from "../../lib/server/guardrails/helm";
import { revertGuardrail } from "../../lib/server/guardrails/revert";
import { closeIncident, openIncident } from "../../lib/server/incidents/incidents";
import { addNote, checkStep } from "../../lib/server/incidents/steps";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import { renderMarkdown } from "../../lib/server/report/markdown";
import { loadTimeline } from "../../lib/server/report/timeline";
import { migrate } from "../../lib/server/store/migrate";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore, setStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { until } from "../fixtures/wait";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const who = (username: string, role = "operator"): AuditActor => ({ userId: `u-${username}`, username, role, via: "session", sessionId: `s-${username}`, clientAddr: "127.0.0.1", userAgent: "vitest-report" });
const alice = who("alice");
const bob = who("bob", "admin");

// Hostile text in every untrusted field the report shows (application_name keeps printable ASCII only).
const TITLE = "Odoo down\n# pwned <script>alert(1)</script> | `x`";
const APP = "odoo|*cron*<script>`x`";
const QUERY = "select pg_sleep(30) /* ``` | <script>alert(1)</script> ```` */";
const NOTE = "cron paused\n## not a heading\n| a | b |\n<img src=x onerror=alert(1)>\nsee https://evil.example/x or www.evil.example";
const LINE = "2026-11-26 10:01:02 UTC [42] LOG:  server process (PID 4242) was terminated by signal 9: Killed ```";

let cluster: LocalCluster;
let db: Db;
let admin: pg.Client;
const open: pg.Client[] = [];
let incidentId: string;
let timeline: IncidentTimeline;
let md: string;
let cancelledPid: number;
let viewerToken: string;
let H: { timeline: Handler; report: Handler };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // One instance: the store in database "store", the target is database "postgres" (the test only).
  cluster = await startCluster({ kind: "embedded-18" });
  admin = await openClient(cluster.url, "report-admin");
  open.push(admin);
  await admin.query("create database store");
  await admin.query("create role odoo login; alter role odoo set work_mem = '64MB'");
  await migrate(cluster.urlFor("store"));
  db = createPrismaClient(cluster.urlFor("store"));
  setAuditKey("r".repeat(40));
  setStore({ prisma: db, url: cluster.urlFor("store"), embedded: false, stop: async () => {} });
  const config = parseConfig(
    {
      targets: [
        { id: "main", name: "Main | <DB>", postgres: { url: cluster.url }, host: { local: true }, commands: [{ name: "pause-cron", run: "echo 'cron paused'", role: "operator" }] },
        { id: "other", postgres: { url: cluster.url } },
      ],
    },
    "test",
  );
  createMonitors(config, 1000); // not started: actions use their own connection, commands the local transport

  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  viewerToken = (await createToken(db, (await addUser(db, { username: "vera", password: "correct-horse-9", role: "viewer" }, { scrypt: { N: 1024, r: 8, p: 1 } })).id, "t")).token;
  H = {
    timeline: (await import("../../app/api/incidents/[id]/timeline/route")).GET,
    report: (await import("../../app/api/incidents/[id]/report/route")).GET,
  };

  // Before the incident: alice takes the helm on main, and a signal line is stored. Neither belongs to it.
  expect((await takeHelm(db, "main", alice, false)).ok).toBe(true);
  await db.signalLine.create({ data: { targetId: "main", source: "postgres", kind: "fatal", at: new Date(Date.now() - 1000), line: "FATAL: before the incident", lineHash: "h0" } });
  await pause(50);

  const opened = await openIncident(db, "main", alice, { title: TITLE, severity: "sev1" });
  if (!opened.ok) throw new Error(opened.message);
  incidentId = opened.result.id;
  const t0 = Date.parse(opened.result.openedAt);
  const GiB = 1024n ** 3n;
  const sample = (oomKills: number) => db.metricSample.create({ data: { targetId: "main", at: new Date(), postgresUp: true, memTotalBytes: 8n * GiB, memAvailableBytes: 2n * GiB, active: 4, idleInTransaction: 1, oomKills } });
  await sample(3);

  // A victim with hostile query text and application name, cancelled for real by alice.
  const victim = await openClient(cluster.urlFor("postgres", "odoo"), APP);
  open.push(victim);
  victim.query(QUERY).catch(() => {});
  const v = await until(async () => (await admin.query("select pid, backend_start::text as bs from pg_stat_activity where application_name = $1 and state = 'active'", [APP])).rows[0], 10_000, "the victim's query");
  cancelledPid = v.pid;
  expect((await cancelSession("main", v.pid, v.bs, { actor: alice, db, reason: "runaway | export" })).ok).toBe(true);

  // bob takes the helm from alice, applies two guardrails, reverts one: the other stays in force.
  expect((await takeHelm(db, "main", bob, true)).ok).toBe(true);
  const applied = await applyGuardrails("main", [{ role: "odoo", database: null, setting: "work_mem", value: "16MB" }, { role: "odoo", database: null, setting: "statement_timeout", value: "60s" }], { actor: bob, db, action: "guardrails.preset" });
  if (!applied.ok) throw new Error(applied.message);
  const workMem = applied.result.guardrails.find((g) => g.setting === "work_mem")!;
  const reverted = await revertGuardrail("main", workMem.id, { actor: bob, db });
  if (!reverted.ok) throw new Error(reverted.message);

  // A command, a checklist step and a note.
  const ran = await runCommand("main", "pause-cron", { actor: bob, db, confirm: "pause-cron" });
  if (!ran.ok) throw new Error(ran.message);
  expect((await checkStep(db, incidentId, alice, { stepKey: "2.2", checked: true, note: "cancelled | the export" })).ok).toBe(true);
  expect((await addNote(db, incidentId, bob, NOTE)).ok).toBe(true);

  // Signals, an alert and metric history inside the window (and history from before the lead-in).
  await db.signalLine.createMany({
    data: [
      { targetId: "main", source: "postgres", kind: "signal_9", at: new Date(), line: LINE, lineHash: "h1" },
      { targetId: "main", source: "kernel", kind: "oom_kill", at: new Date(), line: "Out of memory: Killed process 4242 (postgres)", lineHash: "h2" },
    ],
  });
  await db.alertEvent.create({ data: { targetId: "main", rule: "mem_available_low", state: "firing", value: 4.2, threshold: 10, message: "MemAvailable 4.2 % < 10 %", webhook: "none" } });
  const samples = Array.from({ length: 3000 }, (_, i) => ({
    targetId: "main",
    at: new Date(t0 - 15 * 60_000 + i * 290),
    postgresUp: true,
    memTotalBytes: 8n * GiB,
    // Dips longer than a bucket (5 s): the chart shows bucket averages.
    memAvailableBytes: i >= 2500 && i < 2540 ? GiB / 10n : 2n * GiB,
    active: i >= 2600 && i < 2640 ? 77 : 4,
    idleInTransaction: 1,
    // Kills before the open do not count: the counter reads 3 at the open, 5 at the end.
    oomKills: i < 2900 ? 1 : 3,
  }));
  await db.metricSample.createMany({ data: samples });
  await sample(5);

  // A console user acting on another target meanwhile: not this incident's.
  expect((await takeHelm(db, "other", who("carol"), false)).ok).toBe(true);
  await pause(20);

  const closed = await closeIncident(db, incidentId, bob, "Export cron ran unbounded.\n- cancelled it");
  expect(closed.ok).toBe(true);
  await pause(20);
  // After the close: bob releases the helm. Not in the window either.
  expect((await releaseHelm(db, "main", bob)).ok).toBe(true);

  timeline = (await loadTimeline(db, incidentId))!;
  md = renderMarkdown(timeline);
}, 120_000);

afterAll(async () => {
  await closeActionConnections();
  clearStore();
  await Promise.all(open.map((c) => c.end().catch(() => {})));
  await db?.$disconnect().catch(() => {});
  await cluster?.destroy();
});

describe("incident timeline", () => {
  it("holds the actions inside the window in order, with actors, and nothing before the open, after the close or on another target", () => {
    const actions = timeline.events.filter((e) => e.id.startsWith("audit:")).map((e) => `${e.actor}: ${e.title}`);
    expect(actions).toEqual([
      // The monitor is not started here: nobody watched what the cancel did, and the report says so.
      `alice: Cancel pid ${cancelledPid}: effect unknown (no poll after the signal)`,
      "bob: Took the helm from alice",
      "bob: Emergency preset: 2 settings",
      "bob: Reverted work_mem for odoo",
      "bob: Command pause-cron: exit 0",
    ]);
    expect(timeline.events.some((e) => e.actor === "carol")).toBe(false);
    expect(timeline.events.some((e) => e.title === "Released the helm")).toBe(false);
    expect(timeline.events.map((e) => e.kind)).not.toContain("other");
  });

  it("tells the incident's own rows once: open, step, note, close", () => {
    const own = timeline.events.filter((e) => ["incident", "step", "note"].includes(e.kind)).map((e) => e.title);
    expect(own).toEqual([`Opened incident (sev1): ${TITLE}`, "Checked step 2.2: Cancel worst offenders (before terminate)", "Note", "Closed incident"]);
  });

  it("counts signals and OOM kills inside the window, and caps the chart with the lead-in only", () => {
    expect(timeline.signals).toEqual({ byKind: { signal_9: 1, oom_kill: 1 }, total: 2, shown: 2 });
    expect(timeline.oomKillsDuring).toBe(2);
    expect(timeline.metrics.length).toBeLessThanOrEqual(600);
    // Buckets start on whole 5 s: the first may begin up to one bucket before the lead-in.
    expect(timeline.metrics[0].t).toBeGreaterThan(Date.parse(timeline.incident.openedAt) - 10 * 60_000 - 5000);
    expect(Math.min(...timeline.metrics.map((p) => p.memAvailablePct ?? 100))).toBe(1.2);
    expect(Math.max(...timeline.metrics.map((p) => p.active ?? 0))).toBe(77);
    // The chart reaches the window's end: the newest sample (counter 5) is in it.
    const last = timeline.metrics[timeline.metrics.length - 1];
    expect(last.t).toBeGreaterThan(Date.parse(timeline.incident.closedAt!) - 5000);
    expect(last.oomKills).toBe(4);
  });
});

describe("Markdown report", () => {
  it("lists what was done by whom with before → after values", () => {
    const row = (n: number) => md.split("\n").find((l) => l.startsWith(`| ${n} |`)) ?? "";
    expect(row(1)).toMatch(new RegExp(`\\| alice \\| Cancel pid ${cancelledPid}: effect unknown \\(no poll after the signal\\) \\| ok \\| user odoo, database postgres, application odoo\\\\\\|\\\\\\*cron\\\\\\*\\\\<script\\\\>\\\\\`x\\\\\`, state active; reason: runaway \\\\\\| export`));
    expect(row(2)).toContain("| bob | Took the helm from alice | ok | holder alice → bob |");
    expect(row(3)).toContain("work\\_mem for odoo: 64MB → 16MB; statement\\_timeout for odoo: not set → 60s");
    expect(row(4)).toContain("| bob | Reverted work\\_mem for odoo | ok | work\\_mem for odoo: 16MB → 64MB |");
    expect(row(5)).toContain("| bob | Command pause-cron: exit 0 | ok | runs echo 'cron paused' |");
    expect(md).toContain("**#5** Command pause-cron: exit 0\n\n```text\nstdout:\ncron paused\n\nstderr: (empty)\n```");
  });

  it("shows the checklist with who checked what and the evidence stored with it", () => {
    expect(md).toContain("| 2.2 | Cancel worst offenders (before terminate) | checked | alice |");
    expect(md).toMatch(/\| cancelled \\\| the export \| actions\\_taken: \w+, [^|]+ \|/);
    expect(md).toContain("## Runbook checklist (1 of 19 checked)");
  });

  it("lists the guardrails still in force now, with what a revert restores", () => {
    expect(md).toContain("| statement\\_timeout | odoo | all databases | 60s | not set (RESET) | bob |");
    expect(md).not.toMatch(/^\| work\\_mem \| odoo \|/m);
  });

  it("neutralises the hostile title, application name, query, note and log line", () => {
    expect(md.split("\n")[0]).toBe("# Incident report: Odoo down \\# pwned \\<script\\>alert(1)\\</script\\> \\| \\`x\\`");
    expect(md).toContain(`\`\`\`\`\`sql\n${QUERY}\n\`\`\`\`\``);
    expect(md).toContain("cron paused  \n\\#\\# not a heading  \n\\| a \\| b \\|  \n\\<img src=x onerror=alert(1)\\>  \nsee https\\://evil.example/x or www\\.evil.example");
    expect(md).toContain(`\`\`\`\`text\n`);
    const outsideFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "");
    expect(outsideFences).not.toMatch(/(?<!\\)<(script|img)/);
    expect(outsideFences.split("\n").filter((l) => /^#{1,6} /.test(l)).every((l) => !/pwned|not a heading/.test(l) || l.startsWith("# Incident report:"))).toBe(true);
  });
});

describe("routes", () => {
  const get = (h: Handler, id: string, query = "", token = viewerToken) =>
    h(new Request(`http://127.0.0.1/api/incidents/${id}/x${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ id }) });

  it("a viewer downloads the Markdown as an attachment named for the target and day", async () => {
    const r = await get(H.report, incidentId, "?format=md");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(r.headers.get("content-disposition")).toBe(`attachment; filename="incident-main-${timeline.incident.openedAt.slice(0, 10)}.md"`);
    const body = await r.text();
    expect(body).toContain(`| alice | Cancel pid ${cancelledPid}: effect unknown (no poll after the signal) |`);
  });

  it("answers the timeline as JSON, and refuses a bad format, an unknown incident and an anonymous caller", async () => {
    const t = await (await get(H.timeline, incidentId)).json();
    expect(Object.keys(t)).toEqual(expect.arrayContaining(["incident", "events", "metrics", "guardrailsInForce", "checklist"]));
    expect((await get(H.report, incidentId, "?format=json")).status).toBe(200);
    const bad = await get(H.report, incidentId, "?format=html");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^format:/);
    expect((await get(H.timeline, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get(H.timeline, "main")).status).toBe(400);
    expect((await get(H.timeline, incidentId, "", "")).status).toBe(401);
  });
});
