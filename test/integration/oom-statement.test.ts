// The OOM link names the statement that was killed: a real backend runs a short statement while the
// monitor polls it, then a different one, and is killed with `kill -9`; PostgreSQL's own log (read
// back over SQL, logging_collector on) says "Failed process was running: <the second>", and that wins
// over the last poll's "<the first>". The kernel side of the kill is test/fixtures/oom-host.ts.
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Session } from "../../lib/snapshot";
import { HostMonitor } from "../../lib/server/host/host-monitor";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { pgLogSession } from "../../lib/server/signals/pg-log-reader";
import { TargetSignals } from "../../lib/server/signals/target-signals";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { oomHost } from "../fixtures/oom-host";
import { openClient } from "../fixtures/pg-client";
import { openTestStore } from "../fixtures/test-store";
import { nextSnapshot, until } from "../fixtures/wait";

const POLLED = "select pg_sleep(1.5) /* at poll time */";
const KILLED = "select count(*) from generate_series(1, 1000000000) /* when killed */";

let cluster: LocalCluster;
let db: Db;
let host: ReturnType<typeof oomHost>;
let monitor: TargetMonitor | undefined;
let hostMonitor: HostMonitor | undefined;
let signals: TargetSignals | undefined;
const clients: pg.Client[] = [];

beforeAll(async () => {
  cluster = await startCluster({ kind: "embedded-18", settings: { logging_collector: "on" } });
  ({ db } = await openTestStore(cluster));
  host = oomHost();
});

afterAll(async () => {
  signals?.stop();
  await monitor?.stop();
  await hostMonitor?.stop();
  await Promise.all(clients.map((c) => c.end().catch(() => {})));
  clearStore();
  await db?.$disconnect().catch(() => {});
  await cluster?.destroy();
  host?.remove();
});

it("a backend killed by signal 9 is linked to the statement PostgreSQL logged, not the one last polled", async () => {
  const victim = await openClient(cluster.url, "oom-victim");
  clients.push(victim);
  const pid = (await victim.query("select pg_backend_pid() as pid")).rows[0].pid as number;

  // The poll sees the first statement; then the monitor stops, so the last poll keeps it.
  monitor = new TargetMonitor({ id: "oom", name: "oom", postgres: { url: cluster.url } }, { pollMs: 100, consolePids: new Set() });
  monitor.start();
  const first = victim.query(POLLED);
  const polled = await nextSnapshot(monitor, (s) => s.postgres.sessions.some((x) => x.pid === pid && x.query === POLLED), 10_000);
  await monitor.stop();
  const recent: Session[][] = [polled.postgres.sessions];
  hostMonitor = new HostMonitor(host.transport, { pollMs: 60_000, recentSessions: () => recent });
  await hostMonitor.probeOnce(); // the baseline: counter, processes (the victim among them), kernel log
  await first;

  const dying = victim.query(KILLED).catch((e: Error) => e);
  const admin = await openClient(cluster.url, "oom-admin");
  await until(async () => (await admin.query("select 1 from pg_stat_activity where pid = $1 and query = $2", [pid, KILLED])).rowCount === 1, 5000, "the victim running the second statement");
  await admin.end();
  process.kill(pid, "SIGKILL");
  host.killed(pid);
  expect(await dying).toBeInstanceOf(Error);

  const seen = (await hostMonitor.probeOnce()).oomEvents[0];
  expect(seen).toMatchObject({ victimPid: pid, statement: POLLED, statementSource: "last_poll" });

  // PostgreSQL restarts its backends after the crash; the signal reader then reads the log.
  signals = new TargetSignals({ config: { id: "oom", name: "oom", postgres: { url: cluster.url }, host: { local: true } }, host: hostMonitor, pg: () => pgLogSession(cluster.url, new Set()), db: () => db });
  await until(async () => {
    await signals!.readOnce();
    return (await hostMonitor!.probeOnce()).oomEvents[0].statementSource === "postgres_log";
  }, 20_000, "the crash line in PostgreSQL's log");
  const linked = hostMonitor.current().oomEvents[0];
  expect(linked).toMatchObject({ victimPid: pid, statement: KILLED, statementSource: "postgres_log" });
  expect(linked.session?.query).toBe(POLLED); // the poll's snapshot stays (user, application, memory)
  const stored = await db.signalLine.findFirst({ where: { targetId: "oom", kind: "signal_9" } });
  expect(stored?.line).toMatch(new RegExp(`client backend \\(PID ${pid}\\) was terminated by signal 9`));
  expect(stored?.line).toContain(`Failed process was running: ${KILLED}`);
}, 60_000);
