// The other half of the write-ahead audit: the intent was written and the action ran, but its outcome
// row could not be written. What happens today: the action's result is still answered (it did
// happen), the console logs "AUDIT OUTCOME LOST for intent <id>", and the trail keeps the intent
// with no outcome (still a valid chain), so a reviewer sees an action whose result was not recorded.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closeActionConnections } from "../../lib/server/actions/registry";
import { setAuditKey } from "../../lib/server/audit/key";
import { verifyChain } from "../../lib/server/audit/verify";
import { parseConfig } from "../../lib/server/config";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { breakAudit, callRoute, mutatingRoutes, repairAudit } from "../fixtures/routes";
import { openTestStore } from "../fixtures/test-store";
import { until } from "../fixtures/wait";

let store: LocalCluster;
let target: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
let admin: pg.Client;
let token: string;
let R: Awaited<ReturnType<typeof mutatingRoutes>>;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-outcome-lost-"));
fs.chmodSync(scratch, 0o777);
const go = path.join(scratch, "go");
const done = path.join(scratch, "done");
const T = { id: "ol" };

/** console.error lines while `work` runs (the console's log; not a mock of anything the action touches). */
async function errorsDuring<T>(work: () => Promise<T>): Promise<{ result: T; logged: string[] }> {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const result = await work();
    return { result, logged: spy.mock.calls.map((args) => args.map(String).join(" ")) };
  } finally {
    spy.mockRestore();
  }
}

const rowsOf = async (c: pg.Client, intentId: string) =>
  (await c.query(`select id::text, phase, action, outcome, "intentId"::text from "AuditEvent" where id = $1 or "intentId" = $1 order by id`, [intentId])).rows;

beforeAll(async () => {
  [store, target] = await Promise.all([startCluster({ kind: "embedded-18" }), startCluster({ kind: "embedded-18" })]);
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  admin = await openClient(target.url, "test-admin");
  await admin.query("create role odoo login");
  setAuditKey("o".repeat(40));
  // The command waits for the test's go-ahead, so the store can be stopped while it runs.
  const run = `while [ ! -e ${go} ]; do sleep 0.05; done; echo ran; touch ${done}`;
  const config = parseConfig({ targets: [{ id: "ol", postgres: { url: target.url }, host: { local: true }, commands: [{ name: "wait-then-touch", run, role: "operator", timeoutSeconds: 60 }] }] }, "test");
  createMonitors(config, 1000);
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  token = (await createToken(db, (await addUser(db, { username: "alice", password: "correct-horse-9", role: "operator" }, { scrypt: { N: 1024, r: 8, p: 1 } })).id, "t")).token;
  R = await mutatingRoutes();
});

afterEach(async () => {
  if (store.isRunning()) await repairAudit(storeRaw);
});

afterAll(async () => {
  await closeActionConnections();
  clearStore();
  await storeRaw?.end().catch(() => {});
  await admin?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await Promise.all([store?.destroy(), target?.destroy()]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the outcome row cannot be written after the action ran", () => {
  it("guardrail apply: answered 200 (the ALTER happened), its rollback is kept, the loss is logged, the intent stays alone", async () => {
    expect(await callRoute(R.take, token, "POST", T, {})).toMatchObject({ status: 200 });
    await breakAudit(storeRaw, "outcome");
    const { result: r, logged } = await errorsDuring(() => callRoute(R.apply, token, "POST", T, { role: "odoo", setting: "work_mem", value: "3MB" }));
    expect(r).toMatchObject({ status: 200, body: { ok: true, auditId: expect.any(String), guardrail: { id: expect.any(String), prior: null, value: "3MB" } } });
    const auditId = r.body.auditId as string;
    expect(logged.filter((l) => l.includes("AUDIT OUTCOME LOST"))).toEqual([
      expect.stringMatching(new RegExp(`^pg-triage: AUDIT OUTCOME LOST for intent ${auditId} \\(.*the audit table is not writable \\(test\\).*\\): \\{"outcome":"ok","message":null,"durationMs":\\d+\\}$`)),
    ]);
    const s = await admin.query(`select setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = 'odoo'`);
    expect(s.rows).toEqual([{ setconfig: ["work_mem=3MB"] }]);
    expect(await rowsOf(storeRaw, auditId)).toEqual([{ id: auditId, phase: "intent", action: "guardrail.apply", outcome: null, intentId: null }]);
    expect(await verifyChain(db)).toMatchObject({ ok: true });
    // The guardrail row (written before the ALTER) survived, so it can still be reverted exactly.
    expect(await db.guardrail.findUniqueOrThrow({ where: { id: r.body.guardrail.id } })).toMatchObject({ status: "active", prior: null, value: "3MB", auditId });
    await repairAudit(storeRaw);
    expect(await callRoute(R.revert, token, "POST", { ...T, guardrailId: r.body.guardrail.id }, {})).toMatchObject({ status: 200, body: { guardrail: { after: null } } });
    expect((await admin.query(`select count(*)::int as n from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = 'odoo'`)).rows[0].n).toBe(0);
  });

  it("command run: the store goes away while the command runs; the answer still carries its output, the loss is logged", async () => {
    const { result: r, logged } = await errorsDuring(async () => {
      const answer = callRoute(R.run, token, "POST", { id: "ol", name: "wait-then-touch" }, { confirm: "wait-then-touch", reason: "step 0.2" });
      // The intent is committed and the command is waiting: now the store goes away, then the command finishes.
      const intent = await until(async () => (await storeRaw.query(`select id::text from "AuditEvent" where action = 'command.run' and phase = 'intent'`)).rows[0]?.id as string | undefined, 10_000, "the intent row");
      await store.stop();
      fs.writeFileSync(go, "");
      return { intent, answer: await answer };
    });
    expect(fs.existsSync(done)).toBe(true);
    expect(r.answer).toMatchObject({ status: 200, body: { ok: true, auditId: r.intent, exitCode: 0, timedOut: false, stdout: "ran\n" } });
    expect(logged.filter((l) => l.includes("AUDIT OUTCOME LOST"))).toEqual([
      expect.stringMatching(new RegExp(`^pg-triage: AUDIT OUTCOME LOST for intent ${r.intent} \\(.+\\): \\{"outcome":"ok","message":"exit 0\\\\nstdout:\\\\nran\\\\n`)),
    ]);
    // Back up: the trail holds the intent and no outcome, and still verifies.
    await store.start();
    storeRaw = await openClient(store.urlFor("store"), "store-raw-after");
    const fresh = createPrismaClient(store.urlFor("store"));
    try {
      expect(await rowsOf(storeRaw, r.intent)).toEqual([{ id: r.intent, phase: "intent", action: "command.run", outcome: null, intentId: null }]);
      expect(await verifyChain(fresh)).toMatchObject({ ok: true });
    } finally {
      await fresh.$disconnect();
    }
  });
});
