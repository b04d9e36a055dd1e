// A guardrail comes due after someone changed the same setting outside pg-triage: the expiry timer must
// not clobber the outside value. It refuses, records why (audited, and flagged on the guardrail for a
// person), does not retry every tick, and a person can still revert it explicitly (force).
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeActionConnections } from "../../lib/server/actions/registry";
import { setAuditKey } from "../../lib/server/audit/key";
import { startGuardrailScheduler, stopGuardrailScheduler } from "../../lib/server/guardrails/scheduler";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { callRoute, type Handler } from "../fixtures/routes";
import { openTestStore } from "../fixtures/test-store";

process.env.TRIAGE_GUARDRAILS_VIEW_MS = "0";

let store: LocalCluster;
let target: LocalCluster;
let db: Db;
let storeRaw: pg.Client;
let admin: pg.Client;
let token: string;
let H: { list: Handler; apply: Handler; revert: Handler; take: Handler };
const T = { id: "exp" };

const setconfig = async () =>
  (await admin.query(`select s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = 'odoo' and s.setdatabase = 0`)).rows[0]?.setconfig ?? null;
const expiryRows = async (guardrailId: string) =>
  (await storeRaw.query(`select phase, outcome, username, message, subject from "AuditEvent" where action = 'guardrail.expire' and subject->>'guardrailId' = $1 order by id`, [guardrailId])).rows;

beforeAll(async () => {
  [store, target] = await Promise.all([startCluster({ kind: "embedded-18" }), startCluster({ kind: "embedded-18" })]);
  ({ db } = await openTestStore(store));
  storeRaw = await openClient(store.urlFor("store"), "store-raw");
  admin = await openClient(target.url, "outside-dba");
  await admin.query("create role odoo login");
  setAuditKey("e".repeat(40));
  createMonitors({ targets: [{ id: T.id, name: "expiry", postgres: { url: target.url } }] } as never, 1000);
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  token = (await createToken(db, (await addUser(db, { username: "alice", password: "correct-horse-9", role: "operator" }, { scrypt: { N: 1024, r: 8, p: 1 } })).id, "t")).token;
  const g = await import("../../app/api/targets/[id]/guardrails/route");
  H = {
    list: g.GET,
    apply: g.POST,
    revert: (await import("../../app/api/targets/[id]/guardrails/[guardrailId]/revert/route")).POST,
    take: (await import("../../app/api/targets/[id]/helm/route")).POST,
  };
});

afterAll(async () => {
  await stopGuardrailScheduler();
  await closeActionConnections();
  clearStore();
  await storeRaw?.end().catch(() => {});
  await admin?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await Promise.all([store?.destroy(), target?.destroy()]);
});

describe("guardrail expiry after an outside change", () => {
  it("is refused and recorded, keeps the outside value, is not retried, and leaves the revert to a person", async () => {
    expect(await callRoute(H.take, token, "POST", T, {})).toMatchObject({ status: 200 });
    const a = await callRoute(H.apply, token, "POST", T, { role: "odoo", setting: "statement_timeout", value: "30s", expiresInMinutes: 30 });
    expect(a).toMatchObject({ status: 200, body: { guardrail: { prior: null, value: "30s" } } });
    const id = a.body.guardrail.id as string;
    // A DBA raises it by hand during the incident, outside pg-triage.
    await admin.query(`alter role odoo set statement_timeout = '5min'`);
    // Due now (30 minutes is too long for a test): the schedule lives in the store, where the timer reads it.
    await db.guardrail.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const scheduler = startGuardrailScheduler({ db, intervalMs: 3_600_000 }); // ticks by hand below
      await scheduler.tick();
      await scheduler.tick();
      await scheduler.tick();
      await scheduler.stop();
      expect(logged.mock.calls.map((c) => c.join(" ")).filter((l) => l.includes(id))).toEqual([
        expect.stringMatching(new RegExp(`^pg-triage: guardrail ${id} expiry: statement_timeout for role "odoo" was changed outside pg-triage since the guardrail was applied \\(applied 30s, now 5min\\)`)),
      ]);
    } finally {
      logged.mockRestore();
    }

    expect(await setconfig()).toEqual(["statement_timeout=5min"]); // the outside value is kept
    const g = await db.guardrail.findUniqueOrThrow({ where: { id } });
    expect(g).toMatchObject({ status: "active", endedAt: null, value: "30s", prior: null });
    expect(g.expiryBlockedAt).toBeInstanceOf(Date);
    // Recorded once, as the console's own refusal with both values; no intent (nothing was attempted).
    const rows = await expiryRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phase: "outcome", outcome: "refused", username: "pg-triage (expiry)", subject: { guardrailId: id, applied: "30s", before: "5min", prior: null } });
    expect(rows[0].message).toMatch(/changed outside pg-triage since the guardrail was applied \(applied 30s, now 5min\); revert with force: true to restore the default \(RESET\)/);

    // The panel shows it to a person: changed outside, expiry blocked.
    const view = (await callRoute(H.list, token, "GET", T)).body;
    expect(view.guardrails).toEqual([expect.objectContaining({ id, current: "5min", changedOutside: true, expiryBlocked: true })]);
    expect(view.settings).toEqual(expect.arrayContaining([expect.objectContaining({ role: "odoo", setting: "statement_timeout", value: "5min", source: "external" })]));

    // A plain revert is refused the same way (409); only an explicit force overwrites the outside value.
    expect(await callRoute(H.revert, token, "POST", { ...T, guardrailId: id }, {})).toMatchObject({ status: 409, body: { error: { code: "conflict", applied: "30s", current: "5min" } } });
    expect(await setconfig()).toEqual(["statement_timeout=5min"]);
    expect(await callRoute(H.revert, token, "POST", { ...T, guardrailId: id }, { force: true })).toMatchObject({ status: 200, body: { guardrail: { status: "reverted", before: "5min", after: null } } });
    expect(await setconfig()).toBeNull();
  });

  it("without an outside change the same pass reverts it (the refusal above was the conflict's)", async () => {
    const a = await callRoute(H.apply, token, "POST", T, { role: "odoo", setting: "work_mem", value: "2MB", expiresInMinutes: 30 });
    expect(a).toMatchObject({ status: 200 });
    await db.guardrail.update({ where: { id: a.body.guardrail.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const scheduler = startGuardrailScheduler({ db, intervalMs: 3_600_000 });
    await scheduler.tick();
    await scheduler.stop();
    expect((await db.guardrail.findUniqueOrThrow({ where: { id: a.body.guardrail.id } })).status).toBe("expired");
    expect(await setconfig()).toBeNull();
    expect((await expiryRows(a.body.guardrail.id)).map((r) => [r.phase, r.outcome])).toEqual([["intent", null], ["outcome", "ok"]]);
  });
});
