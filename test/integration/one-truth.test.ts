// One truth per number, against a real PostgreSQL: a session left idle in transaction past the
// threshold makes the checklist's evidence and the verification panel say bad, with the same count,
// the same oldest age and the same pid, because both judge the monitor's one summary of that poll.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresLine } from "../../components/verify/verify-lines";
import type { IncidentDetail } from "../../lib/incidents";
import { IDLE_IN_XACT_BAD_MS } from "../../lib/server/incidents/thresholds";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createMonitors } from "../../lib/server/monitors";
import type { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import type { VerificationView } from "../../lib/verification";
import { openClient } from "../fixtures/pg-client";
import { openTestStore } from "../fixtures/test-store";
import { nextSnapshot, until } from "../fixtures/wait";

process.env.TRIAGE_EVIDENCE_VIEW_MS = "0";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let cluster: LocalCluster;
let db: Db;
let monitor: TargetMonitor;
let holder: pg.Client;
let token: string;

async function call<T>(h: Handler, params: Record<string, string>, method = "GET", body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await h(new Request("http://127.0.0.1/x", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  expect(r.status).toBe(200);
  return (await r.json()) as T;
}

beforeAll(async () => {
  cluster = await startCluster({ kind: "embedded-18" });
  ({ db } = await openTestStore(cluster));
  const { setAuditKey } = await import("../../lib/server/audit/key");
  setAuditKey("k".repeat(40));
  const { addUser } = await import("../../lib/server/auth/users");
  const { createToken } = await import("../../lib/server/auth/api-tokens");
  const u = await addUser(db, { username: "olga", password: "correct-horse-9", role: "operator" }, { scrypt: { N: 1024, r: 8, p: 1 } });
  token = (await createToken(db, u.id, "t")).token;
  monitor = createMonitors({ targets: [{ id: "one", name: "one", postgres: { url: cluster.url } }] } as never, 250).get("one")!;
  monitor.start();
  await nextSnapshot(monitor, (s) => s.postgres.status === "up", 10_000);
}, 120_000);

afterAll(async () => {
  await monitor?.stop();
  await holder?.end().catch(() => {});
  clearStore();
  await db?.$disconnect().catch(() => {});
  await cluster?.destroy();
});

describe("one idle-in-transaction judgement", () => {
  it("the checklist's session_counts and the verification panel both say bad, with the same count, age and pid", async () => {
    const opened = await call<{ id: string }>((await import("../../app/api/targets/[id]/incidents/route")).POST, { id: "one" }, "POST", { title: "idle tx", severity: "sev2" });
    holder = await openClient(cluster.url, "odoo-worker");
    const pid: number = (await holder.query("select pg_backend_pid() as pid")).rows[0].pid;
    await holder.query("begin; select 1");
    // Past the threshold on the monitored database's clock, then frozen: both reads see the same poll.
    await until(async () => (monitor.latest()?.postgres.summary?.oldestIdleInTransaction?.ms ?? 0) > IDLE_IN_XACT_BAD_MS + 500, 90_000, "the session to idle past the threshold");
    await monitor.stop();
    const summary = monitor.latest()!.postgres.summary!;
    expect(summary.oldestIdleInTransaction).toMatchObject({ pid });
    expect(summary.idleInTransaction).toBe(1); // the console's own connection is not counted

    const verification = await call<VerificationView>((await import("../../app/api/targets/[id]/verification/route")).GET, { id: "one" });
    const incident = await call<IncidentDetail>((await import("../../app/api/incidents/[id]/route")).GET, { id: opened.id });
    const evidence = ["0.2", "3.2"].map((key) => incident.checklist.find((s) => s.key === key)!.evidence.find((e) => e.kind === "session_counts")!);

    const v = verification.postgres.sessions!;
    expect(v).toMatchObject({ status: "bad", idleInTransaction: 1, oldestIdleInTransaction: { pid, ms: summary.oldestIdleInTransaction!.ms } });
    expect(v.text).toMatch(/1 idle in transaction, oldest 1m 0\ds \(over 1m 00s\)$/);
    for (const e of evidence) expect(e).toEqual({ kind: "session_counts", status: "bad", text: v.text });
    // What the panel renders from that view: not OK, the same words.
    expect(postgresLine(verification)).toMatchObject({ tone: "bad", text: `up, pg_is_in_recovery false · ${v.text}` });
  }, 120_000);
});
