// The other half of the write-ahead audit: the intent was written and the action ran, but its outcome
// row could not be written. The action's result is still answered (it did happen); the outcome waits in
// the local outbox and is written when the store takes it again (audit-outbox.test.ts: the store stopped
// while a command ran). Only when the outbox cannot be written either does the console log
// "AUDIT OUTCOME LOST for intent <id>" and the trail keeps the intent alone (still a valid chain).
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
import { interruptStaleIntents } from "../../lib/server/audit/interrupted";
import { readLines } from "../../lib/server/audit/outbox";
import { recoverOnce } from "../../lib/server/recovery";
import { breakAudit, callRoute, mutatingRoutes, repairAudit } from "../fixtures/routes";
import { openTestStore } from "../fixtures/test-store";

let store: LocalCluster;
let target: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
let admin: pg.Client;
let token: string;
let R: Awaited<ReturnType<typeof mutatingRoutes>>;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-outcome-lost-"));
fs.chmodSync(scratch, 0o777);
const outbox = path.join(scratch, "audit-outbox.jsonl");
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
  process.env.TRIAGE_AUDIT_OUTBOX = outbox;
  const config = parseConfig({ targets: [{ id: "ol", postgres: { url: target.url } }] }, "test");
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
  it("guardrail apply: answered 200 (the ALTER happened), its rollback is kept, the outcome is queued and written once the trail takes it", async () => {
    expect(await callRoute(R.take, token, "POST", T, {})).toMatchObject({ status: 200 });
    await breakAudit(storeRaw, "outcome");
    const { result: r, logged } = await errorsDuring(() => callRoute(R.apply, token, "POST", T, { role: "odoo", setting: "work_mem", value: "2MB" }));
    expect(r).toMatchObject({ status: 200, body: { ok: true, auditId: expect.any(String), guardrail: { id: expect.any(String), prior: null, value: "2MB" } } });
    const auditId = r.body.auditId as string;
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^pg-triage: audit outcome for intent ${auditId} queued in the outbox ${outbox} \\(the store: .*the audit table is not writable \\(test\\).*\\)$`))]);
    expect(readLines(outbox)).toHaveLength(1);
    const s = await admin.query(`select setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = 'odoo'`);
    expect(s.rows).toEqual([{ setconfig: ["work_mem=2MB"] }]);
    expect(await rowsOf(storeRaw, auditId)).toEqual([{ id: auditId, phase: "intent", action: "guardrail.apply", outcome: null, intentId: null }]);
    expect(await verifyChain(db)).toMatchObject({ ok: true });
    // The guardrail row (written before the ALTER) survived, so it can still be reverted exactly.
    expect(await db.guardrail.findUniqueOrThrow({ where: { id: r.body.guardrail.id } })).toMatchObject({ status: "active", prior: null, value: "2MB", auditId });
    // Still refused: the line stays. Repaired: written, in its place after the intent.
    expect(await recoverOnce(db, () => {}, { staleIntents: false })).toMatchObject({ reconciled: false, replay: { remaining: 1 } });
    await repairAudit(storeRaw);
    expect(await recoverOnce(db, () => {}, { staleIntents: false })).toMatchObject({ reconciled: true, replay: { written: [auditId] } });
    expect((await rowsOf(storeRaw, auditId)).map((x) => [x.phase, x.outcome])).toEqual([["intent", null], ["outcome", "ok"]]);
    expect(fs.existsSync(outbox)).toBe(false);
    expect(await callRoute(R.revert, token, "POST", { ...T, guardrailId: r.body.guardrail.id }, {})).toMatchObject({ status: 200, body: { guardrail: { after: null } } });
    expect((await admin.query(`select count(*)::int as n from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = 'odoo'`)).rows[0].n).toBe(0);
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });

  it("when the outbox cannot be written either, the loss is logged and the intent stays alone", async () => {
    process.env.TRIAGE_AUDIT_OUTBOX = path.join(scratch, "not-a-folder", "outbox.jsonl");
    fs.writeFileSync(path.join(scratch, "not-a-folder"), "");
    try {
      await breakAudit(storeRaw, "outcome");
      const { result: r, logged } = await errorsDuring(() => callRoute(R.release, token, "DELETE", T));
      expect(r).toMatchObject({ status: 200 });
      const intent = (await storeRaw.query(`select max(id)::text as id from "AuditEvent" where action = 'helm.release'`)).rows[0].id as string;
      expect(logged).toEqual([
        expect.stringMatching(new RegExp(`^pg-triage: AUDIT OUTCOME LOST for intent ${intent} \\(.*the audit table is not writable \\(test\\).*; the outbox: .*ENOTDIR.*\\): \\{"outcome":"ok","message":null,"durationMs":\\d+\\}$`)),
      ]);
      expect(await rowsOf(storeRaw, intent)).toEqual([{ id: intent, phase: "intent", action: "helm.release", outcome: null, intentId: null }]);
      expect(await verifyChain(db)).toMatchObject({ ok: true });
      // Past its deadline (here: at once) the next start records it as interrupted, never leaving it without an outcome.
      await repairAudit(storeRaw);
      expect((await interruptStaleIntents(db, { actionS: 0, commandGraceS: 0 })).map((e) => [e.intentId, e.outcome])).toEqual([[intent, "interrupted"]]);
      expect((await rowsOf(storeRaw, intent)).map((x) => [x.phase, x.outcome])).toEqual([["intent", null], ["outcome", "interrupted"]]);
      expect(await interruptStaleIntents(db, { actionS: 0, commandGraceS: 0 })).toEqual([]);
      expect(await verifyChain(db)).toMatchObject({ ok: true });
    } finally {
      process.env.TRIAGE_AUDIT_OUTBOX = outbox;
    }
  });
});
