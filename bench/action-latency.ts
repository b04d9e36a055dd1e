// `npm run bench:actions`: DESIGN.md's action-latency bar — the call to the victim's error (57014 for
// cancel, 57P01 for terminate), p50/p95 over 50 runs each; goal < 500 ms p95. Function level: it calls
// cancelSession/terminateSession (what the route handlers call) with a real store, audit and monitor,
// but not over HTTP. Env: BENCH_ACTION_RUNS=50, TRIAGE_POLL_MS=1000.
import type pg from "pg";
import type { AuditActor } from "../lib/audit";
import { closeActionConnections } from "../lib/server/actions/registry";
import { cancelSession, terminateSession } from "../lib/server/actions/single";
import { setAuditKey } from "../lib/server/audit/key";
import { startCluster } from "../lib/server/local-cluster";
import { createMonitors } from "../lib/server/monitors";
import { migrate } from "../lib/server/store/migrate";
import { createPrismaClient } from "../lib/server/store/prisma";
import { setStore } from "../lib/server/store/store";
import { cleanupAll, installSignalHandlers, onCleanup } from "./cleanup";
import { openClient } from "./backends";
import { fmtMs, pct, sleep, table, within } from "./table";

const RUNS = Number(process.env.BENCH_ACTION_RUNS ?? 50);
const POLL_MS = Number(process.env.TRIAGE_POLL_MS ?? 1000);
const GOAL_MS = 500;
const actor: AuditActor = { userId: "bench", username: "bench", role: "operator", via: "token", clientAddr: "127.0.0.1", userAgent: "bench" };
const log = (s: string) => console.log(`· ${s}`);

interface Sample {
  victimMs: number;
  returnMs: number;
  code: string | undefined;
  goneAfter: boolean | null;
}

async function victim(url: string, admin: pg.Client, n: number) {
  const app = `bench-victim-${n}`;
  const c = await openClient(url, app);
  const failed = c.query("select pg_sleep(60)").then(
    () => ({ code: "none", at: performance.now() }),
    (e: { code?: string }) => ({ code: e.code, at: performance.now() }),
  );
  for (;;) {
    const r = await admin.query("select pid, backend_start::text as bs from pg_stat_activity where application_name = $1 and state = 'active'", [app]);
    if (r.rows.length) return { c, failed, pid: r.rows[0].pid as number, backendStart: r.rows[0].bs as string };
    await sleep(5);
  }
}

async function measure(kind: "cancel" | "terminate", url: string, admin: pg.Client): Promise<Sample[]> {
  const act = kind === "cancel" ? cancelSession : terminateSession;
  const out: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const v = await victim(url, admin, i);
    const t0 = performance.now();
    const reply = await within(act("bench", v.pid, v.backendStart, { actor, reason: "bench" }), 10_000, `${kind} #${i}`);
    const returned = performance.now();
    const f = await within(v.failed, 10_000, `victim of ${kind} #${i}`);
    if (!reply.ok) throw new Error(`${kind} #${i} refused: ${reply.code} ${reply.message}`);
    out.push({ victimMs: f.at - t0, returnMs: returned - t0, code: f.code, goneAfter: reply.result.goneAfter });
    await v.c.end().catch(() => {});
  }
  return out;
}

async function main() {
  installSignalHandlers();
  log(`starting a target (PostgreSQL 18, embedded) and a store; ${RUNS} runs per action, poll ${POLL_MS} ms`);
  const target = await startCluster({ kind: "embedded-18" });
  onCleanup("target", () => target.destroy());
  const store = await startCluster({ kind: "embedded-18" });
  onCleanup("store", () => store.destroy());
  const sa = await openClient(store.url, "bench-store");
  await sa.query("create database store");
  await sa.end();
  await migrate(store.urlFor("store"));
  const prisma = createPrismaClient(store.urlFor("store"));
  setStore({ prisma, url: store.urlFor("store"), embedded: false, stop: () => prisma.$disconnect() });
  onCleanup("prisma", () => prisma.$disconnect());
  setAuditKey("bench-".repeat(8));

  const monitors = createMonitors({ targets: [{ id: "bench", name: "bench", postgres: { url: target.url } }] }, POLL_MS);
  const monitor = monitors.get("bench")!;
  monitor.start();
  onCleanup("monitor", () => monitor.stop());
  onCleanup("action connections", () => closeActionConnections());
  while (monitor.latest()?.postgres.status !== "up") await sleep(50);
  const admin = await openClient(target.url, "bench-admin");
  onCleanup("admin", () => admin.end().catch(() => {}));

  const rows: Array<Array<string | number>> = [];
  let fail = false;
  for (const kind of ["cancel", "terminate"] as const) {
    const s = await measure(kind, target.url, admin);
    const expected = kind === "cancel" ? "57014" : "57P01";
    const wrong = s.filter((x) => x.code !== expected).length;
    const p95 = pct(s.map((x) => x.victimMs), 95)!;
    if (p95 >= GOAL_MS || wrong) fail = true;
    rows.push([
      kind,
      `${s.length}`,
      wrong ? `${wrong} not ${expected}` : `all ${expected}`,
      `${fmtMs(pct(s.map((x) => x.victimMs), 50))} ms`,
      `${fmtMs(p95)} ms`,
      `${fmtMs(Math.max(...s.map((x) => x.victimMs)))} ms`,
      `${fmtMs(pct(s.map((x) => x.returnMs), 50))} ms`,
      `${fmtMs(pct(s.map((x) => x.returnMs), 95))} ms`,
      `${s.filter((x) => x.goneAfter === true).length}/${s.length}`,
      p95 < GOAL_MS && !wrong ? "ok" : "FAIL",
    ]);
  }
  console.log(
    table(
      `Action latency: call → victim error (function level, audit + store + monitor live, poll ${POLL_MS} ms)`,
      ["action", "runs", "victim saw", "p50", "p95", "max", "reply p50", "reply p95", "goneAfter", `goal p95 < ${GOAL_MS} ms`],
      rows,
      [
        "victim: from the call to the victim's query rejecting; reply: until the call returns, which includes",
        "waiting for the monitor's next tick(s) to confirm the effect (goneAfter), so it tracks the poll interval.",
      ],
    ),
  );
  if (fail) console.log("FAIL: the action-latency goal was missed (see table)");
}

main()
  .catch((e) => {
    console.error("bench:actions failed:", e);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll().then(() => process.exit()));
