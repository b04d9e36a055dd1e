// A console process killed with SIGKILL while its containment command runs (a real kill of a real process,
// test/fixtures/command-console.ts: server.ts's store, key, monitors and recovery loop, then one run).
// The "restarted console" is this test process driving the same functions: the recovery pass finds the
// orphan still running on the host (its marker in `ps`), refuses a second run from the store's claim,
// and once the orphan ends records its intent as interrupted, which the incident report lists.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setAuditKey } from "../../lib/server/audit/key";
import { verifyChain } from "../../lib/server/audit/verify";
import { parseConfig } from "../../lib/server/config";
import { openIncident } from "../../lib/server/incidents/incidents";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import { recoverOnce } from "../../lib/server/recovery";
import { renderMarkdown } from "../../lib/server/report/markdown";
import { loadTimeline } from "../../lib/server/report/timeline";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { openTestStore } from "../fixtures/test-store";
import { until } from "../fixtures/wait";

const REPO = path.resolve(__dirname, "../..");
const KEY = "q".repeat(40);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-orphan-"));
const outbox = path.join(scratch, "audit-outbox.jsonl");
const SLEEP = `sleep 30.${process.pid % 1000}`;

let store: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
let child: ChildProcess | null = null;
let orphanGroup: number | null = null;
let config: unknown;
const logs: string[] = [];
const log = (l: string) => void logs.push(l);
const actor = { userId: "u-ida", username: "ida", role: "admin", via: "session" as const, clientAddr: "127.0.0.1", userAgent: "vitest" };

/** Pids whose command line carries the marker, from /proc (what `ps` reads). */
function pidsWith(marker: string): number[] {
  const pids: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0").includes(marker)) pids.push(Number(d));
    } catch {} // ended meanwhile
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  store = await startCluster({ kind: "embedded-18" });
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  process.env.TRIAGE_AUDIT_OUTBOX = outbox;
  setAuditKey(KEY);
  config = { targets: [{ id: "orph", name: "Orphan host", postgres: { url: store.url }, host: { local: true }, commands: [{ name: "slow-sleep", run: SLEEP, role: "operator", timeoutSeconds: 120 }] }] };
  createMonitors(parseConfig(config, "test"), 1000); // never started: no polling, only the host transport
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (orphanGroup && alive(orphanGroup)) process.kill(-orphanGroup, "SIGKILL");
  clearStore();
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await store?.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
});

it("kill -9 during a command: the orphan is found running and blocks a second run; once it ends its intent is 'interrupted' in the trail and the report", async () => {
  const incident = await openIncident(db, "orph", actor, { title: "Memory pressure on orph", severity: "sev2" });
  expect(incident.ok).toBe(true);
  const incidentId = (incident as { result: { id: string } }).result.id;

  child = spawn(process.execPath, ["--import", "tsx", path.join(REPO, "test/fixtures/command-console.ts")], {
    cwd: REPO,
    env: { ...process.env, TRIAGE_STORE_URL: store.urlFor("store"), TRIAGE_AUDIT_KEY: KEY, TRIAGE_AUDIT_OUTBOX: outbox, CONSOLE_CONFIG: JSON.stringify(config), CONSOLE_RUN: "orph/slow-sleep" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((r) => child!.once("exit", () => r()));

  // The run is claimed in the store by the child, its intent written, and its marker is on the host.
  const claim = await until(async () => (await storeRaw.query(`select "runId", owner, "intentId"::text from "CommandRun" where "targetId" = 'orph'`)).rows[0], 60_000, `the run's claim; console output:\n${output}`);
  expect(claim.owner).toMatch(new RegExp(`^${os.hostname()}/${child.pid}/`));
  const marker = `pg-triage-run=${claim.runId}`;
  const pids = await until(async () => pidsWith(marker).length > 0 && pidsWith(marker), 30_000, "the command's process");
  const intentId = await until(async () => (await storeRaw.query(`select "intentId"::text from "CommandRun" where "runId" = $1`, [claim.runId])).rows[0]?.intentId as string | undefined, 10_000, "the intent id on the claim");

  child.kill("SIGKILL");
  await exited;
  expect(child.signalCode).toBe("SIGKILL");
  expect(output).not.toContain("result");
  expect(pids.every(alive)).toBe(true); // the command outlived its console
  orphanGroup = Math.min(...pids); // `timeout`, the leader of the command's process group

  // "Restart": the recovery pass finds the run's console gone and the command still running.
  await recoverOnce(db, log, { staleIntents: true });
  expect(logs.some((l) => l.includes(`slow-sleep (intent ${intentId}) still runs on the host`))).toBe(true);
  const orphaned = (await storeRaw.query(`select "orphanedAt" from "CommandRun" where "runId" = $1`, [claim.runId])).rows[0];
  expect(orphaned.orphanedAt).toBeInstanceOf(Date);
  expect((await storeRaw.query(`select count(*)::int as n from "AuditEvent" where "intentId" = $1`, [intentId])).rows[0].n).toBe(0);

  // A second run is refused by the claim in the store (not by this process's memory: it never ran it).
  const { runCommand } = await import("../../lib/server/commands/run");
  const again = await runCommand("orph", "slow-sleep", { actor: { ...actor, username: "oscar", role: "operator" }, db, confirm: "slow-sleep" });
  expect(again).toMatchObject({ ok: false, status: 409, code: "command_running", auditId: expect.any(String) });
  expect((again as { message: string }).message).toMatch(/already running on Orphan host \(started by oscar at .*; the console that started it stopped, but it still runs on the host/);
  expect(pidsWith(marker).length).toBeGreaterThan(0);
  expect((await storeRaw.query(`select count(*)::int as n from "AuditEvent" where action = 'command.run' and phase = 'intent'`)).rows[0].n).toBe(1); // nothing else ran

  // While it runs on, the report lists it as running, not hidden.
  const running = renderMarkdown((await loadTimeline(db, incidentId))!);
  expect(running).toMatch(/\| \d+ \| [^|]+ \| oscar \| Command slow-sleep \| running \| runs sleep 30\.\d+; reason: kill -9 test; no outcome yet: still running/);

  // The orphan ends (an operator kills it on the host): the next pass records the intent as interrupted.
  process.kill(-orphanGroup, "SIGKILL");
  await until(async () => !pidsWith(marker).length, 10_000, "the orphan to end");
  await recoverOnce(db, log, { staleIntents: true });
  const rows = (await storeRaw.query(`select phase, outcome, message, username, subject->>'runId' as "runId" from "AuditEvent" where id = $1 or "intentId" = $1 order by id`, [intentId])).rows;
  expect(rows).toEqual([
    { phase: "intent", outcome: null, message: null, username: "oscar", runId: claim.runId },
    { phase: "outcome", outcome: "interrupted", message: expect.stringMatching(/^the console that ran this stopped while it ran; it ran on without it and had ended by .*: exit status and output unknown$/), username: "oscar", runId: claim.runId },
  ]);
  expect((await storeRaw.query(`select count(*)::int as n from "CommandRun"`)).rows[0].n).toBe(0);
  await recoverOnce(db, log, { staleIntents: true }); // again: nothing more is written
  expect((await storeRaw.query(`select count(*)::int as n from "AuditEvent" where "intentId" = $1`, [intentId])).rows[0].n).toBe(1);
  expect(await verifyChain(db)).toMatchObject({ ok: true });

  const report = renderMarkdown((await loadTimeline(db, incidentId))!);
  expect(report).toMatch(/\| \d+ \| [^|]+ \| oscar \| Command slow-sleep \| interrupted \| runs sleep 30\.\d+; interrupted: the console that ran this stopped while it ran; it ran on without it/);
  expect(report).not.toContain("still running");
}, 120_000);
