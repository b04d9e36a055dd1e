// Containment commands through the route handlers, over a real sshd on loopback and the local
// transport, with a real store: what ran is proven on the host (files, pgrep), the audit rows are read back.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAuditKey } from "../../lib/server/audit/key";
import { verifyChain } from "../../lib/server/audit/verify";
import { parseConfig } from "../../lib/server/config";
import { freePort, startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import type { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { openTestStore } from "../fixtures/test-store";
import { openClient } from "../fixtures/pg-client";
import { startSshd, type Sshd } from "../fixtures/sshd";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let store: LocalCluster;
let sshd: Sshd;
let db: Db;
let storeRaw: pg.Client;
let monitors: Map<string, TargetMonitor>;
let H: { list: Handler; run: Handler };
const tokens: Record<string, string> = {};
// Files the commands (or an injection, if it ever reached a shell) would create: world-writable for the ssh user.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-commands-"));
fs.chmodSync(scratch, 0o1777);
const tag = crypto.randomBytes(4).toString("hex");
/** A sleep whose command line is unique to this run, for pgrep. */
const SLEEP = `sleep 60.${parseInt(tag, 16) % 100000}`;
const file = (name: string) => path.join(scratch, name);

const commandsFor = (kind: string) => [
  { name: "mixed", label: "Mixed output", run: `echo "out $((6*7)) ${kind}"; echo "err line" >&2; exit 3`, role: "operator", steps: ["0.2"] },
  { name: "pause-cron", label: "Pause Odoo cron", run: `echo cron paused; touch ${file(`paused-${kind}`)}`, role: "operator", steps: ["0.2", "2.1"] },
  { name: "restart-postgresql", run: `touch ${file(`restarted-${kind}`)}`, steps: ["2.4"] },
  { name: "slow", run: `${SLEEP}; echo never`, role: "operator", timeoutSeconds: 1 },
  { name: "exit-124", run: "exit 124", role: "operator" },
  { name: "wait-a-bit", run: "sleep 1.5; echo done", role: "operator" },
  { name: "flood", run: "head -c 300000 /dev/zero | tr '\\0' x", role: "operator" },
];

async function call(h: Handler, who: string, method: string, params: Record<string, string>, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[who]}`, "user-agent": "vitest-commands" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await h(new Request("http://127.0.0.1/x", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  return { status: r.status, body: await r.json() };
}

async function run(id: string, name: string, who = "oscar", extra: Record<string, unknown> = {}) {
  return call(H.run, who, "POST", { id, name }, { confirm: name, ...extra });
}
const list = (id: string, who = "oscar") => call(H.list, who, "GET", { id });

async function auditRows(intentId: string) {
  const rows = (await storeRaw.query(`select phase, action, "targetId", outcome, username, subject, reason, message, "intentId"::text from "AuditEvent" where id = $1 or "intentId" = $1 order by id`, [intentId])).rows;
  return rows;
}

const pgrep = (pattern: string) => {
  try {
    return execFileSync("pgrep", ["-af", pattern], { encoding: "utf8" }).trim();
  } catch {
    return ""; // exit 1: nothing matched
  }
};

beforeAll(async () => {
  [store, sshd] = await Promise.all([startCluster({ kind: "embedded-18" }), startSshd()]);
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  setAuditKey("c".repeat(40));

  const ssh = { host: sshd.host, port: sshd.port, username: sshd.username, privateKeyPath: sshd.privateKeyPath, hostKey: sshd.hostKey };
  const postgres = { url: store.url }; // never polled: the monitors are not started
  const config = parseConfig(
    {
      targets: [
        { id: "c-ssh", postgres, host: { ssh }, commands: commandsFor("ssh") },
        { id: "c-local", postgres, host: { local: true }, commands: commandsFor("local") },
        { id: "c-down", postgres, host: { ssh: { ...ssh, port: await freePort() } }, commands: [{ name: "pause-cron", run: `touch ${file("down")}`, role: "operator" }] },
        { id: "c-none", postgres },
      ],
    },
    "test",
  );
  monitors = createMonitors(config, 1000);

  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  const fast = { scrypt: { N: 1024, r: 8, p: 1 } };
  for (const [name, role] of [["vera", "viewer"], ["oscar", "operator"], ["ada", "admin"]] as const) {
    tokens[name] = (await createToken(db, (await addUser(db, { username: name, password: "correct-horse-9", role }, fast)).id, "t")).token;
  }
  H = {
    list: (await import("../../app/api/targets/[id]/commands/route")).GET,
    run: (await import("../../app/api/targets/[id]/commands/[name]/run/route")).POST,
  };
});

afterAll(async () => {
  for (const m of monitors?.values() ?? []) await m.stop();
  clearStore();
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await Promise.all([store?.destroy(), sshd?.destroy()]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe.each(["ssh", "local"] as const)("commands over %s", (kind) => {
  const id = `c-${kind}`;

  it("runs a configured command: stdout, stderr and exit code come back and are audited (intent before outcome)", async () => {
    const r = await run(id, "mixed", "oscar", { reason: "step 0.2" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: false, exitCode: 3, timedOut: false, stdout: `out 42 ${kind}\n`, stderr: "err line\n", truncated: false });
    expect(r.body.durationMs).toBeGreaterThanOrEqual(0);
    const rows = await auditRows(r.body.auditId);
    expect(rows.map((x) => [x.phase, x.action, x.outcome, x.username])).toEqual([
      ["intent", "command.run", null, "oscar"],
      ["outcome", "command.run", "error", "oscar"],
    ]);
    const cmd = commandsFor(kind)[0];
    expect(rows[0].subject).toMatchObject({ name: "mixed", run: cmd.run, timeoutSeconds: 30 });
    // The run's marker is the shell's $0: a restarted console finds the run on the host by it.
    expect(rows[0].subject.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].subject.commandLine).toBe(`timeout -k 2 30 /bin/sh -c '${cmd.run}' 'pg-triage-run=${rows[0].subject.runId}'`);
    expect(rows[0].reason).toBe("step 0.2");
    expect(rows[1].message).toBe(`exit 3\nstdout:\nout 42 ${kind}\n\nstderr:\nerr line\n`);

    const ok = await run(id, "pause-cron");
    expect(ok).toMatchObject({ status: 200, body: { ok: true, exitCode: 0, stdout: "cron paused\n", stderr: "" } });
    expect(fs.existsSync(file(`paused-${kind}`))).toBe(true);
    expect((await auditRows(ok.body.auditId))[1]).toMatchObject({ outcome: "ok", message: expect.stringMatching(/^exit 0\nstdout:\ncron paused\n\nstderr:/) });
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });

  it("lists the commands with the caller's permission, steps and last run", async () => {
    const r = await list(id);
    expect(r.status).toBe(200);
    const byName = Object.fromEntries(r.body.commands.map((c: { name: string }) => [c.name, c]));
    expect(byName["pause-cron"]).toMatchObject({ label: "Pause Odoo cron", role: "operator", timeoutSeconds: 30, steps: ["0.2", "2.1"], allowed: true, running: false });
    expect(byName["pause-cron"].run).toBe(commandsFor(kind)[1].run);
    expect(byName["pause-cron"].lastRun).toMatchObject({ by: "oscar", exitCode: 0, timedOut: false, outcome: "ok", summary: "exit 0" });
    expect(byName["mixed"].lastRun).toMatchObject({ exitCode: 3, outcome: "error" });
    expect(byName["restart-postgresql"]).toMatchObject({ label: "restart-postgresql", role: "admin", allowed: false, deniedReason: "Requires the admin role (you are an operator)" });
    expect(byName["restart-postgresql"].lastRun).toBeUndefined();
    const viewer = await list(id, "vera");
    expect(viewer.body.commands.find((c: { name: string }) => c.name === "pause-cron")).toMatchObject({ allowed: false, deniedReason: "Requires the operator role (you are a viewer)" });
  });

  it("kills a command past its timeout, with nothing left on the host", async () => {
    const started = Date.now();
    const r = await run(id, "slow");
    expect(r).toMatchObject({ status: 200, body: { ok: false, exitCode: null, timedOut: true, stdout: "" } });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.body.durationMs).toBeGreaterThanOrEqual(1000);
    expect(pgrep(SLEEP)).toBe("");
    const rows = await auditRows(r.body.auditId);
    expect(rows[1]).toMatchObject({ outcome: "error" });
    expect(rows[1].message.split("\n")[0]).toBe("killed after 1 s (timeout)");
    expect((await list(id)).body.commands.find((c: { name: string }) => c.name === "slow").lastRun).toMatchObject({ timedOut: true, exitCode: null });
  });

  it("reports a command's own exit 124 as its exit code, not as a timeout", async () => {
    expect(await run(id, "exit-124")).toMatchObject({ status: 200, body: { ok: false, exitCode: 124, timedOut: false } });
  });

  it("refuses a name that is not configured: audited as typed, nothing runs", async () => {
    const typed = `pause-cron; touch ${file(`injected-${kind}`)}`;
    const r = await run(id, typed);
    expect(r).toMatchObject({ status: 404, body: { error: { code: "command_not_found", auditId: expect.any(String) } } });
    const rows = await auditRows(r.body.error.auditId);
    expect(rows).toHaveLength(1); // an outcome row only: no intent, nothing ran
    expect(rows[0]).toMatchObject({ phase: "outcome", outcome: "not_found", subject: { name: typed.slice(0, 100) }, intentId: null });
    expect(fs.existsSync(file(`injected-${kind}`))).toBe(false);
  });

  it("never gives the reason to a shell", async () => {
    const reason = `$(touch ${file(`r1-${kind}`)}) \`touch ${file(`r2-${kind}`)}\`; touch ${file(`r3-${kind}`)} ' " \n|| touch ${file(`r4-${kind}`)}`;
    const r = await run(id, "pause-cron", "oscar", { reason });
    expect(r).toMatchObject({ status: 200, body: { ok: true, stdout: "cron paused\n" } });
    for (const n of ["r1", "r2", "r3", "r4"]) expect(fs.existsSync(file(`${n}-${kind}`))).toBe(false);
    expect((await auditRows(r.body.auditId))[0].reason).toBe(reason.trim());
  });

  it("refuses an operator an admin-only command (audited) and a viewer any command; runs it for an admin", async () => {
    const r = await run(id, "restart-postgresql", "oscar");
    expect(r).toMatchObject({ status: 403, body: { error: { code: "forbidden", auditId: expect.any(String) } } });
    expect(r.body.error.message).toMatch(/^Requires the admin role \(you are an operator\)/);
    expect(await auditRows(r.body.error.auditId)).toMatchObject([{ phase: "outcome", outcome: "refused", username: "oscar", subject: { name: "restart-postgresql" } }]);
    expect(fs.existsSync(file(`restarted-${kind}`))).toBe(false);
    const before = (await storeRaw.query(`select count(*)::int as n from "AuditEvent"`)).rows[0].n;
    expect(await run(id, "pause-cron", "vera")).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect((await storeRaw.query(`select count(*)::int as n from "AuditEvent"`)).rows[0].n).toBe(before); // apiRoute's plain 403
    expect(await run(id, "restart-postgresql", "ada")).toMatchObject({ status: 200, body: { ok: true, exitCode: 0 } });
    expect(fs.existsSync(file(`restarted-${kind}`))).toBe(true);
  });

  it("refuses the same command while it runs (409), and shows it running", async () => {
    const first = run(id, "wait-a-bit");
    await new Promise((r) => setTimeout(r, 300));
    expect((await list(id)).body.commands.find((c: { name: string }) => c.name === "wait-a-bit")).toMatchObject({ running: true });
    const second = await run(id, "wait-a-bit", "ada");
    expect(second).toMatchObject({ status: 409, body: { error: { code: "command_running", auditId: expect.any(String) } } });
    expect(second.body.error.message).toMatch(/already running .*started by oscar/);
    expect(await first).toMatchObject({ status: 200, body: { ok: true, stdout: "done\n" } });
    expect((await list(id)).body.commands.find((c: { name: string }) => c.name === "wait-a-bit")).toMatchObject({ running: false });
  });

  it("caps the output it returns and what goes into the audit", async () => {
    const r = await run(id, "flood");
    expect(r).toMatchObject({ status: 200, body: { ok: true, truncated: true } });
    expect(r.body.stdout).toHaveLength(256 * 1024);
    const msg: string = (await auditRows(r.body.auditId))[1].message;
    expect(msg.length).toBeLessThan(4000);
    expect(msg).toContain(`stdout (last 1500 characters; ${256 * 1024 - 1500} before them left out):\n${"x".repeat(1500)}`);
  });
});

describe("commands: bad input and failures", () => {
  it("wants the name typed again as confirmation", async () => {
    expect(await call(H.run, "oscar", "POST", { id: "c-local", name: "pause-cron" }, { confirm: "pause" })).toMatchObject({ status: 400, body: { error: { code: "invalid_input" } } });
    expect(await call(H.run, "oscar", "POST", { id: "c-local", name: "pause-cron" }, {})).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^confirm: /) } } });
    expect(await call(H.run, "oscar", "POST", { id: "c-local", name: "pause-cron" }, { confirm: "pause-cron", run: "id" })).toMatchObject({ status: 400 });
  });

  it("answers 503 host_unreachable when the host cannot be reached, audited as an error", async () => {
    const r = await run("c-down", "pause-cron");
    expect(r).toMatchObject({ status: 503, body: { error: { code: "host_unreachable", auditId: expect.any(String) } } });
    const why = "host unreachable: the host connection failed (connection refused): see the console's log; nothing was run";
    expect(r.body.error.message).toBe(why);
    const rows = await auditRows(r.body.error.auditId);
    expect(rows.map((x) => [x.phase, x.outcome])).toEqual([["intent", null], ["outcome", "error"]]);
    expect(rows[1].message).toBe(why); // no host, port or key path in the audit
    expect((await list("c-down")).body.commands[0].lastRun).toMatchObject({ exitCode: null, outcome: "error", summary: expect.stringMatching(/^host unreachable/) });
  });

  it("knows no commands on a target without any, and no such target", async () => {
    expect(await list("c-none")).toMatchObject({ status: 200, body: { commands: [] } });
    expect(await run("c-none", "pause-cron")).toMatchObject({ status: 404, body: { error: { code: "command_not_found" } } });
    expect(await list("nope")).toMatchObject({ status: 404, body: { error: { code: "target_not_found" } } });
  });

  it("keeps the chain intact after all of it", async () => {
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });
});
