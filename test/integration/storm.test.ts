// A connection storm against real PostgreSQL: on 18, the console role with pg_use_reserved_connections
// keeps acting through its kept action connection, and a console started mid-storm gets in through the
// reserved slots; on Debian's 15 (no such reserve) the lockout check says so and advises CONNECTION LIMIT.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "../../lib/audit";
import { actionHealthOf } from "../../lib/server/actions/action-health";
import { actionConnectionFor, closeActionConnections, resolveTarget } from "../../lib/server/actions/registry";
import { cancelSession, terminateSession } from "../../lib/server/actions/single";
import { setAuditKey } from "../../lib/server/audit/key";
import { availableClusterKinds, startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { consolePids, createMonitors, getMonitors } from "../../lib/server/monitors";
import type { Db } from "../../lib/server/store/prisma";
import { openClient } from "../fixtures/pg-client";
import { connectError, startStorm, type Storm } from "../fixtures/storm";
import { openTestStore } from "../fixtures/test-store";
import { nextSnapshot, until } from "../fixtures/wait";

const POLL_MS = 200;
const actor: AuditActor = { userId: "u1", username: "alice", role: "operator", via: "session", sessionId: "s1", clientAddr: "127.0.0.1", userAgent: "vitest" };
const open: pg.Client[] = [];
const monitors: TargetMonitor[] = [];

/** Adds a monitor for this console URL to the registry (as server.ts would at start) and starts it with its action connection. */
function startConsole(id: string, url: string): TargetMonitor {
  const m = new TargetMonitor({ id, name: `console ${id}`, postgres: { url } }, { pollMs: POLL_MS, consolePids: consolePids() });
  getMonitors().set(id, m);
  monitors.push(m);
  m.start();
  actionConnectionFor(resolveTarget(id)!);
  return m;
}

/** A session of the app role running pg_sleep, and the error its query ends with. */
async function sleeper(c: pg.Client, admin: pg.Client, app: string) {
  const error = c.query("select pg_sleep(120)").then(
    () => null,
    (e: { code?: string }) => e,
  );
  const id = await until(
    async () => (await admin.query("select pid, backend_start::text as bs from pg_stat_activity where application_name = $1 and state = 'active'", [app])).rows[0],
    5000,
    `${app} active`,
  );
  return { error, pid: id.pid as number, backendStart: id.bs as string };
}

afterAll(async () => {
  await closeActionConnections();
  await Promise.all(monitors.map((m) => m.stop()));
  await Promise.all(open.map((c) => c.end().catch(() => {})));
});

describe("connection storm on PostgreSQL 18 (max_connections 30, reserved_connections 3)", () => {
  let target: LocalCluster;
  let storeCluster: LocalCluster;
  let db: Db;
  let admin: pg.Client;
  let storm: Storm | null = null;
  const victims: pg.Client[] = [];

  beforeAll(async () => {
    storeCluster = await startCluster({ kind: "embedded-18" });
    db = (await openTestStore(storeCluster)).db;
    setAuditKey("k".repeat(40));
    target = await startCluster({ kind: "embedded-18", settings: { max_connections: 30, reserved_connections: 3 } });
    admin = await openClient(target.url, "test-admin");
    open.push(admin);
    await admin.query(`create role console login in role pg_monitor, pg_signal_backend, pg_use_reserved_connections;
      create role locked login in role pg_monitor, pg_signal_backend; create role app login; create role storm login`);
    createMonitors({ targets: [] }, POLL_MS); // an empty registry; each console below adds itself
    for (const app of ["victim-1", "victim-2"]) {
      const c = await openClient(target.urlFor("postgres", "app"), app);
      open.push(c);
      victims.push(c);
    }
  });

  afterAll(async () => {
    await storm?.stop();
    await db?.$disconnect().catch(() => {});
    await target?.destroy();
    await storeCluster?.destroy();
  });

  it("keeps acting during the storm, and a console started mid-storm gets in through the reserved slots", async () => {
    const a = startConsole("a", target.urlFor("postgres", "console"));
    const up = await nextSnapshot(a, (s) => s.postgres.status === "up" && s.postgres.actionConnection?.status === "up", 10_000);
    expect(up.postgres.access).toMatchObject({ level: "ok", reserve: 3, reservedBy: ["reserved_connections"] });

    storm = startStorm(target.urlFor("postgres", "storm"), 40, { maxMs: 90_000 });
    // Every normal slot is taken: the application's own role is turned away.
    await until(async () => (await connectError(target.urlFor("postgres", "app"))) === "53300", 20_000, "a full server (53300 for the app role)");

    const v1 = await sleeper(victims[0], admin, "victim-1");
    const cancelled = await cancelSession("a", v1.pid, v1.backendStart, { actor, reason: "storm", db });
    expect(cancelled).toMatchObject({ ok: true, result: { signalled: true } });
    expect((await v1.error)?.code).toBe("57014");

    const v2 = await sleeper(victims[1], admin, "victim-2");
    const terminated = await terminateSession("a", v2.pid, v2.backendStart, { actor, reason: "storm", db });
    expect(terminated).toMatchObject({ ok: true, result: { signalled: true } });
    expect((await v2.error)?.code).toBe("57P01");

    // A console restarted during the storm: new monitor and action connection, through the reserve.
    await until(async () => (await connectError(target.urlFor("postgres", "app"))) === "53300", 20_000, "the server still full");
    const b = startConsole("b", target.urlFor("postgres", "console"));
    await nextSnapshot(b, (s) => s.postgres.status === "up" && s.postgres.actionConnection?.status === "up", 20_000);
    const v3 = await sleeper(victims[0], admin, "victim-1"); // a cancelled session keeps its connection
    const again = await cancelSession("b", v3.pid, v3.backendStart, { actor, reason: "storm, new console", db });
    expect(again).toMatchObject({ ok: true, result: { signalled: true } });
    expect((await v3.error)?.code).toBe("57014");
    expect(storm.refused()).toBeGreaterThan(0);
  });

  it("a role without the grant is kept out, says why, keeps trying and gets in once the storm ends", async () => {
    const c = startConsole("c", target.urlFor("postgres", "locked"));
    const down = await until(async () => { const h = actionHealthOf("c"); return h?.status === "down" && h.retries >= 2 ? h : undefined; }, 20_000, "action connection down");
    expect(down.error).toMatch(/reserved.*53300/);
    // The target page hears of it (the monitor itself may slip into a slot a storm client just let go).
    await nextSnapshot(c, (s) => s.postgres.actionConnection?.status === "down", 10_000);

    await storm!.stop();
    storm = null;
    const up = await nextSnapshot(c, (s) => s.postgres.status === "up" && s.postgres.actionConnection?.status === "up", 20_000);
    expect(up.postgres.access).toMatchObject({ level: "warning", reserve: 0, statements: ['grant pg_use_reserved_connections to "locked";'] });
  });
});

describe.skipIf(!availableClusterKinds().includes("debian-15"))("lockout check and a kept action connection on Debian PostgreSQL 15", () => {
  let target: LocalCluster;
  let storeCluster: LocalCluster;
  let db: Db;
  let admin: pg.Client;
  let storm: Storm | null = null;

  beforeAll(async () => {
    storeCluster = await startCluster({ kind: "embedded-18" });
    db = (await openTestStore(storeCluster)).db;
    target = await startCluster({ kind: "debian-15", settings: { max_connections: 30 } });
    admin = await openClient(target.url, "test-admin");
    open.push(admin);
    await admin.query("create role console login in role pg_monitor, pg_signal_backend; create role odoo login");
    createMonitors({ targets: [] }, POLL_MS);
  });

  afterAll(async () => {
    await storm?.stop();
    await db?.$disconnect().catch(() => {});
    await target?.destroy();
    await storeCluster?.destroy();
  });

  it("reports that the console could be locked out, with CONNECTION LIMIT headroom for the application role", async () => {
    const m = startConsole("pg15", target.urlFor("postgres", "console"));
    const s = await nextSnapshot(m, (x) => x.postgres.status === "up" && x.postgres.actionConnection?.status === "up", 10_000);
    const access = s.postgres.access!;
    expect(access).toMatchObject({ level: "warning", reserve: 0, reservedBy: [] });
    expect(access.summary).toMatch(/could be locked out.*superusers only \(superuser_reserved_connections = 3\)/);
    // (30 - 3 - 3) for the one application role.
    expect(access.statements).toEqual(['alter role "odoo" connection limit 24;']);
    expect(access.notes.join(" ")).toMatch(/connection_limit guardrail/);
  });

  it("without any reserve, the action connection kept from start still cancels during a storm", async () => {
    const victim = await openClient(target.urlFor("postgres", "odoo"), "victim-15");
    open.push(victim);
    storm = startStorm(target.urlFor("postgres", "odoo"), 40, { maxMs: 60_000 });
    await until(async () => (await connectError(target.urlFor("postgres", "console"))) === "53300", 20_000, "a full server (53300 for the console role)");
    const v = await sleeper(victim, admin, "victim-15");
    const r = await cancelSession("pg15", v.pid, v.backendStart, { actor, reason: "storm on 15", db });
    expect(r).toMatchObject({ ok: true, result: { signalled: true } });
    expect((await v.error)?.code).toBe("57014");
  });
});
