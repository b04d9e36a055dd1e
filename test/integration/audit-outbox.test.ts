// The store stops while a containment command runs: its outcome goes to the local outbox (fsync'ed, HMAC'd),
// and the recovery pass writes it once the store is back, exactly once (also when the same line is
// replayed again, as after a crash between writing it and removing it), and the chain verifies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { setAuditKey } from "../../lib/server/audit/key";
import { decodeLine, readLines } from "../../lib/server/audit/outbox";
import { verifyChain } from "../../lib/server/audit/verify";
import { parseConfig } from "../../lib/server/config";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import { recoverOnce } from "../../lib/server/recovery";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { callRoute, mutatingRoutes } from "../fixtures/routes";
import { openTestStore } from "../fixtures/test-store";
import { until } from "../fixtures/wait";

const KEY = Buffer.from("b".repeat(40));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-outbox-"));
fs.chmodSync(scratch, 0o777);
const outbox = path.join(scratch, "data", "audit-outbox.jsonl");
const go = path.join(scratch, "go");

let store: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
let token: string;
let R: Awaited<ReturnType<typeof mutatingRoutes>>;
const logs: string[] = [];
const log = (l: string) => void logs.push(l);

const rowsOf = async (intentId: string) =>
  (await storeRaw.query(`select phase, outcome, message, "intentId"::text from "AuditEvent" where id = $1 or "intentId" = $1 order by id`, [intentId])).rows;

beforeAll(async () => {
  store = await startCluster({ kind: "embedded-18" });
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  process.env.TRIAGE_AUDIT_OUTBOX = outbox;
  setAuditKey(KEY);
  const run = `while [ ! -e ${go} ]; do sleep 0.05; done; echo ran`;
  const config = parseConfig({ targets: [{ id: "ob", postgres: { url: store.url }, host: { local: true }, commands: [{ name: "wait-then-echo", run, role: "operator", timeoutSeconds: 60 }] }] }, "test");
  createMonitors(config, 1000);
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  token = (await createToken(db, (await addUser(db, { username: "alice", password: "correct-horse-9", role: "operator" }, { scrypt: { N: 1024, r: 8, p: 1 } })).id, "t")).token;
  R = await mutatingRoutes();
});

afterAll(async () => {
  fs.writeFileSync(go, ""); // in case a run still waits
  clearStore();
  await storeRaw?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await store?.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
});

it("the outcome of a command that ends while the store is down is queued, then replayed once when the store is back", async () => {
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  let answer;
  let intent: string;
  let logged: string[];
  try {
    const pending = callRoute(R.run, token, "POST", { id: "ob", name: "wait-then-echo" }, { confirm: "wait-then-echo", reason: "step 0.2" });
    intent = await until(async () => (await storeRaw.query(`select id::text from "AuditEvent" where action = 'command.run' and phase = 'intent'`)).rows[0]?.id as string | undefined, 10_000, "the intent row");
    await storeRaw.end();
    await store.stop();
    fs.writeFileSync(go, "");
    answer = await pending;
  } finally {
    logged = errors.mock.calls.map((a) => a.map(String).join(" "));
    errors.mockRestore();
  }
  // The action did happen: its answer carries the output.
  expect(answer).toMatchObject({ status: 200, body: { ok: true, auditId: intent, exitCode: 0, stdout: "ran\n" } });
  expect(logged).toContainEqual(expect.stringMatching(new RegExp(`^pg-triage: audit outcome for intent ${intent} queued in the outbox ${outbox} \\(the store: .+\\)$`)));
  expect(logged.join("\n")).not.toContain("AUDIT OUTCOME LOST");

  // One fsync'ed line, 0600, HMAC'd with the audit key, in a folder the store's user can still enter.
  const lines = readLines(outbox);
  expect(lines).toHaveLength(1);
  expect(fs.statSync(outbox).mode & 0o777).toBe(0o600);
  expect(fs.statSync(path.dirname(outbox)).mode & 0o777).toBe(0o711);
  const queued = decodeLine(KEY, lines[0].text);
  expect(queued).toMatchObject({ ok: true, line: { seq: 1, row: { phase: "outcome", intentId: intent, outcome: "ok", message: expect.stringMatching(/^exit 0\nstdout:\nran\n/) } } });

  // While the store is down the pass fails and the line stays.
  expect(await recoverOnce(db, log, { staleIntents: true })).toMatchObject({ reconciled: false, replay: { written: [], remaining: 1, error: expect.any(String) } });
  expect(readLines(outbox)).toHaveLength(1);

  await store.start();
  storeRaw = await openClient(store.urlFor("store"), "store-raw-after");
  const pass = await until(async () => {
    const r = await recoverOnce(db, log, { staleIntents: true }).catch(() => undefined); // the pool's first connections may still fail
    return r && !r.replay.error && r;
  }, 30_000, "a recovery pass with the store back");
  expect(pass).toMatchObject({ reconciled: true, replay: { written: [intent], duplicates: [], refused: [], remaining: 0 }, interrupted: [] });
  expect(fs.existsSync(outbox)).toBe(false);
  const rows = await rowsOf(intent);
  expect(rows).toEqual([
    { phase: "intent", outcome: null, message: null, intentId: null },
    { phase: "outcome", outcome: "ok", intentId: intent, message: expect.stringMatching(/^exit 0\nstdout:\nran\n[\s\S]*\n\(recorded late from the outbox: the store was unavailable when this ended at \d{4}-.*Z\)$/) },
  ]);
  // The claim the run could not release while the store was down is released now.
  expect((await storeRaw.query(`select count(*)::int as n from "CommandRun"`)).rows[0].n).toBe(0);

  // The same line again (a crash after writing it but before removing it): a duplicate, not a second outcome.
  fs.mkdirSync(path.dirname(outbox), { recursive: true });
  fs.writeFileSync(outbox, `${lines[0].text}\n`, { mode: 0o600 });
  const again = await recoverOnce(db, log, { staleIntents: true });
  expect(again.replay).toMatchObject({ written: [], duplicates: [intent], remaining: 0 });
  expect(await rowsOf(intent)).toHaveLength(2);
  // The store itself refuses a second outcome for an intent.
  await expect(storeRaw.query(`insert into "AuditEvent" (id, phase, "intentId", action, "userId", username, role, via, "clientAddr", "prevHash", hash)
    select max(id) + 1, 'outcome', $1, 'command.run', 'u', 'u', 'operator', 'session', '127.0.0.1', repeat('0', 64), repeat('0', 64) from "AuditEvent"`, [intent])).rejects.toThrow(/AuditEvent_intentId_key/);

  expect(await verifyChain(db)).toMatchObject({ ok: true, checked: 2 });
  // And the command can run again.
  expect(await callRoute(R.run, token, "POST", { id: "ob", name: "wait-then-echo" }, { confirm: "wait-then-echo" })).toMatchObject({ status: 200, body: { ok: true, stdout: "ran\n" } });
}, 120_000);
