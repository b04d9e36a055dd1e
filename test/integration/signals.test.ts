// Incident signals from real log files over a real sshd, and from PostgreSQL's own log through
// pg_read_binary_file on a real cluster (logging_collector turned on with ALTER SYSTEM + restart).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ActionConnection } from "../../lib/server/actions/action-connection";
import type { TargetConfig } from "../../lib/server/config";
import { HostMonitor } from "../../lib/server/host/host-monitor";
import { SshTransport } from "../../lib/server/host/ssh";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { consolePids, createMonitors } from "../../lib/server/monitors";
import { registered } from "../../lib/server/registry";
import { pgLogSession, readPgLog } from "../../lib/server/signals/pg-log-reader";
import { readSignals } from "../../lib/server/signals/signal-store";
import { sourceStatuses } from "../../lib/server/signals/sources";
import { TargetSignals } from "../../lib/server/signals/target-signals";
import { startSignalWatchers } from "../../lib/server/signals/watcher";
import type { ReadOutcome } from "../../lib/server/signals/log-chunk";
import { migrate } from "../../lib/server/store/migrate";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore, setStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { startSshd, type Sshd } from "../fixtures/sshd";
import { until } from "../fixtures/wait";

// The recorded fixtures carry their own dates: keep them inside the retention whenever this runs.
process.env.TRIAGE_HISTORY_DAYS = "3650";
const FIXTURES = path.join(__dirname, "../../lib/server/signals/fixtures");
const EPOCH = new Date(0);
const pgStamp = (d = new Date()) => d.toISOString().replace("T", " ").replace("Z", " UTC");
const odooStamp = (d = new Date()) => d.toISOString().replace("T", " ").replace("Z", "").replace(".", ",");

let cluster: LocalCluster;
let sshd: Sshd;
let db: Db;
let admin: pg.Client;
let dir: string;
let collectorOff: ReadOutcome;
const hosts: HostMonitor[] = [];
const conns: ActionConnection[] = [];
const servers: net.Server[] = [];

/** Records every pid ever added: the console's pids as a short-lived connection sees them. */
class PidSpy extends Set<number> {
  added: number[] = [];
  override add(pid: number) {
    this.added?.push(pid);
    return super.add(pid);
  }
}

/** Accepts connections and never answers: a server that hangs (PostgreSQL or sshd alike). */
async function blackhole(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  server.on("close", () => sockets.forEach((s) => s.destroy()));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  [cluster, sshd] = await Promise.all([startCluster({ kind: "embedded-18" }), startSshd()]);
  // First as most servers run without the collector: nothing PostgreSQL can read back.
  const c0 = pgLogSession(cluster.url, new Set());
  collectorOff = await readPgLog(c0, null);
  c0.close();
  const a = await openClient(cluster.url, "setup");
  await a.query("alter system set logging_collector = on");
  await a.query("create database store");
  await a.query("create role noread login; create role fileonly login; grant pg_read_server_files to fileonly");
  await a.end();
  await cluster.stop();
  await cluster.start();
  admin = await openClient(cluster.url, "signals-admin");
  await migrate(cluster.urlFor("store"));
  db = createPrismaClient(cluster.urlFor("store"));
  setStore({ prisma: db, url: cluster.urlFor("store"), embedded: false, stop: async () => {} });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-signals-"));
  fs.chmodSync(dir, 0o755); // the ssh login user reads the logs
});

afterAll(async () => {
  await Promise.all([...hosts.map((h) => h.stop()), ...conns.map((c) => c.close())]);
  for (const s of servers) s.close();
  clearStore();
  await admin?.end().catch(() => {});
  await db?.$disconnect().catch(() => {});
  await Promise.all([cluster?.destroy(), sshd?.destroy()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const sshHost = () => ({ ssh: { host: sshd.host, port: sshd.port, username: sshd.username, privateKeyPath: sshd.privateKeyPath, hostKey: sshd.hostKey } });

function writeLog(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  fs.chmodSync(p, 0o644);
  return p;
}

function reader(config: Omit<TargetConfig, "name">, pgUrl = cluster.url, ownPids: Set<number> = new Set()): TargetSignals {
  const ssh = config.host && "ssh" in config.host ? config.host.ssh : null;
  const host = ssh ? new HostMonitor(new SshTransport(ssh), { pollMs: 60_000 }) : null;
  if (host) hosts.push(host);
  return new TargetSignals({ config: { ...config, name: config.id }, host, pg: () => pgLogSession(pgUrl, ownPids), db: () => db });
}

const counts = async (targetId: string, since = EPOCH) => (await readSignals(db, targetId, since)).counts;
const rows = (targetId: string) => db.signalLine.count({ where: { targetId } });
const status = (r: TargetSignals, source: string) => r.sources().find((s) => s.source === source)!;

describe("log files over ssh", () => {
  let pgLog: string;
  let odooLog: string;
  let r: TargetSignals;
  const T = "sig-ssh";

  beforeAll(() => {
    pgLog = writeLog("postgresql.log", fs.readFileSync(path.join(FIXTURES, "postgres.log"), "utf8"));
    odooLog = writeLog("odoo.log", fs.readFileSync(path.join(FIXTURES, "odoo.log"), "utf8"));
    r = reader({ id: T, postgres: { url: cluster.url, logPath: pgLog }, host: sshHost(), odoo: { logPath: odooLog } });
  });

  it("finds the matching lines with their kinds and counts, and ignores the rest", async () => {
    await r.readOnce();
    expect(status(r, "postgres")).toMatchObject({ origin: pgLog, status: "ok", lastReadAt: expect.any(String) });
    expect(status(r, "odoo")).toMatchObject({ origin: odooLog, status: "ok" });
    expect(await counts(T)).toEqual({ out_of_memory: 2, signal_9: 1, terminated: 1, fatal: 3, worker: 3, traceback: 1, memory_error: 1, http_500: 1, timeout: 2, restarting: 1 });
    const { latest } = await readSignals(db, T, EPOCH);
    expect(latest.find((l) => l.kind === "signal_9")).toMatchObject({ at: "2026-11-26T18:00:02.456Z", source: "postgres", line: expect.stringContaining("terminated by signal 9: Killed") });
  });

  it("reads appended lines on the next read and stores nothing twice, even after a console restart", async () => {
    const before = await rows(T);
    const linesBefore = r.stats.lines;
    fs.appendFileSync(pgLog, `${pgStamp()} [9001] LOG:  checkpoint complete\n${pgStamp()} [9002] FATAL:  terminating connection due to administrator command\n`);
    fs.appendFileSync(odooLog, `${odooStamp()} 1240 INFO odoo werkzeug: 127.0.0.1 - - [26/Nov/2026 18:10:00] "POST /web/dataset/call_kw HTTP/1.1" 500 - 3 0.01 0.2\n`);
    await r.readOnce();
    expect(r.stats.lines - linesBefore).toBe(3); // only what was appended
    expect(await rows(T)).toBe(before + 2);
    expect(await counts(T, new Date(Date.now() - 60_000))).toEqual({ fatal: 1, http_500: 1 });
    await r.readOnce();
    expect(r.stats.lines - linesBefore).toBe(3); // nothing new: nothing read
    const fresh = reader({ id: T, postgres: { url: cluster.url, logPath: pgLog }, host: sshHost(), odoo: { logPath: odooLog } });
    await fresh.readOnce(); // no cursor: the tail again
    expect(fresh.stats.reads).toBe(2);
    expect(await rows(T)).toBe(before + 2);
  });

  it("follows a rotated and a truncated file", async () => {
    const before = await rows(T);
    fs.renameSync(odooLog, `${odooLog}.1`);
    writeLog("odoo.log", `${odooStamp()} 1241 ERROR odoo odoo.http: Exception during request handling.\nTraceback (most recent call last):\nMemoryError\n`);
    fs.writeFileSync(pgLog, `${pgStamp()} [1234] LOG:  server process (PID 777) was terminated by signal 9: Killed\n`);
    const linesBefore = r.stats.lines;
    await r.readOnce();
    expect(r.stats.lines - linesBefore).toBe(4); // the new file from its start, the truncated one too
    expect(await rows(T)).toBe(before + 3);
  });

  it("says which file is missing or unreadable, and why", async () => {
    const locked = writeLog("locked.log", "x\n");
    fs.chmodSync(locked, 0o000);
    const missing = path.join(dir, "nope", "odoo.log");
    const m = reader({ id: "sig-missing", postgres: { url: cluster.url, logPath: locked }, host: sshHost(), odoo: { logPath: missing } });
    await m.readOnce();
    expect(status(m, "odoo")).toMatchObject({ status: "missing", error: `${missing}: No such file or directory`, lastReadAt: expect.any(String) });
    expect(status(m, "postgres")).toMatchObject({ status: "unreadable", error: `${locked}: permission denied` });
  });

  it("keeps lines as long as the metric history does (TRIAGE_HISTORY_DAYS=0.5 is half a day for both)", async () => {
    const T2 = "sig-half-day";
    const log = writeLog("half-day.log", `${pgStamp(new Date(Date.now() - 13 * 3_600_000))} [4001] FATAL:  too old\n${pgStamp()} [4002] FATAL:  fresh\n`);
    process.env.TRIAGE_HISTORY_DAYS = "0.5";
    let half: TargetSignals;
    try {
      half = reader({ id: T2, postgres: { url: cluster.url, logPath: log }, host: sshHost() });
    } finally {
      process.env.TRIAGE_HISTORY_DAYS = "3650";
    }
    await half.readOnce();
    expect(half.stats.lines).toBe(2);
    expect((await readSignals(db, T2, EPOCH)).latest.map((l) => l.line)).toEqual([expect.stringContaining("FATAL:  fresh")]);
  });

  it("tells viewers a host failure's kind, never its detail (key path, host); the server's log gets the detail once", async () => {
    const keyPath = path.join(dir, "no-such-key");
    const bad = { ssh: { ...sshHost().ssh, privateKeyPath: keyPath } };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const b = reader({ id: "sig-badkey", postgres: { url: cluster.url, logPath: path.join(dir, "postgresql.log") }, host: bad });
      await b.readOnce();
      await b.readOnce();
      const st = status(b, "postgres");
      expect(st).toMatchObject({ status: "error", error: `${path.join(dir, "postgresql.log")}: the host connection failed (the private key cannot be read): see the console's log` });
      expect(st.error).not.toContain(keyPath);
      const logged = errors.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("sig-badkey"));
      expect(logged).toHaveLength(1); // not once per round
      expect(logged[0]).toContain(`cannot read the private key ${keyPath}: ENOENT`);
    } finally {
      errors.mockRestore();
    }
  });

  it("takes kernel OOM lines from the host monitor's own kernel-log read", async () => {
    const host = hosts[0];
    await host.probeOnce();
    await r.readOnce();
    const k = status(r, "kernel");
    expect(k.origin).toBe("kernel log");
    if (k.status !== "ok") expect(k).toMatchObject({ status: "unreadable", error: expect.stringMatching(/kernel log not readable/) });
  });
});

describe("PostgreSQL's own log through pg_read_file", () => {
  const T = "sig-pg";

  async function terminateOne(app: string): Promise<number> {
    const victim = await openClient(cluster.url, app);
    const pid = (await victim.query("select pg_backend_pid() as pid")).rows[0].pid as number;
    await admin.query("select pg_terminate_backend($1)", [pid]);
    await victim.end().catch(() => {});
    return pid;
  }
  const fatalOf = (pid: number) => async () => (await db.signalLine.findFirst({ where: { targetId: T, line: { contains: `[${pid}] FATAL:  terminating connection due to administrator command` } } })) ?? undefined;

  it("says why not when logging_collector is off", () => {
    expect(collectorOff).toMatchObject({ status: "not_configured", error: expect.stringMatching(/logging_collector is off/) });
  });

  it("finds a FATAL line in the current log file, and the next one on the next read", async () => {
    const r = reader({ id: T, postgres: { url: cluster.url } });
    const first = await terminateOne("victim-1");
    const line = await until(async () => (await r.readOnce(), fatalOf(first)()), 5000, "the first FATAL line");
    expect(line).toMatchObject({ source: "postgres", kind: "fatal" });
    expect(status(r, "postgres")).toMatchObject({ origin: "pg_read_file", status: "ok", file: expect.stringMatching(/^log\/postgresql-.*\.log$/) });
    const before = await rows(T);
    const second = await terminateOne("victim-2");
    await until(async () => (await r.readOnce(), fatalOf(second)()), 5000, "the second FATAL line");
    expect(await rows(T)).toBeGreaterThanOrEqual(before + 1);
    expect(await db.signalLine.count({ where: { targetId: T, line: { contains: `[${first}] FATAL` } } })).toBe(1);
  });

  it("reads on its own short-lived connection (pg-triage, its pid among the console's own, closed after the round), never the action connection", async () => {
    const own = new PidSpy();
    const r = reader({ id: "sig-own", postgres: { url: cluster.url } }, cluster.url, own);
    await r.readOnce(); // the cursor: from here on, what is appended
    expect(own.added).toHaveLength(1);
    expect(own.size).toBe(0);
    // A burst of ~4.5 MB of log: the next round catches up in 4 reads of 1 MiB.
    await admin.query(`do $$ begin for i in 1..4500 loop raise log 'sig-own burst %', repeat('x', 1000); end loop; end $$`);
    const action = new ActionConnection(cluster.url, consolePids());
    conns.push(action);
    const victim = await openClient(cluster.url, "sig-own-victim");
    const victimPid = (await victim.query("select pg_backend_pid() as pid")).rows[0].pid as number;
    const sleeping = victim.query("select pg_sleep(30)").catch((e: Error) => e);
    await action.query("select 1", []); // connected before the round, as in a running console
    const reads = r.stats.reads;
    const round = r.readOnce();
    const seen: string[] = [];
    const cancelMs: number[] = [];
    let done = false;
    void round.finally(() => (done = true));
    do {
      const pid = own.added.at(-1)!;
      if (own.has(pid)) seen.push(...(await admin.query("select application_name from pg_stat_activity where pid = $1", [pid])).rows.map((x) => x.application_name as string));
      const t0 = performance.now();
      await action.query("select pg_cancel_backend($1)", [victimPid]);
      cancelMs.push(performance.now() - t0);
    } while (!done);
    await round;
    expect(r.stats.reads - reads).toBe(4);
    expect(own.added).toHaveLength(2);
    expect(own.added[1]).not.toBe(action.backendPid());
    expect(own.size).toBe(0);
    if (seen.length) expect(new Set(seen)).toEqual(new Set(["pg-triage"]));
    console.log(`signals: ${cancelMs.length} cancels during a 4 MiB log catch-up, slowest ${Math.max(...cancelMs).toFixed(1)} ms`);
    expect(Math.max(...cancelMs)).toBeLessThan(500);
    expect(await sleeping).toMatchObject({ code: "57014" });
    await victim.end();
    await until(async () => (await admin.query("select count(*)::int as n from pg_stat_activity where pid = any($1)", [own.added])).rows[0].n === 0, 3000, "the log connections to close");
  });

  it("says what a role without the rights lacks", async () => {
    for (const role of ["noread", "fileonly"]) {
      const r = reader({ id: `sig-${role}`, postgres: { url: cluster.urlFor("postgres", role) } }, cluster.urlFor("postgres", role));
      await r.readOnce();
      // pg_read_server_files alone does not give EXECUTE on the functions: both are told the GRANTs.
      expect(status(r, "postgres")).toMatchObject({ status: "unreadable", error: expect.stringMatching(new RegExp(`^role ${role} may not execute pg_current_logfile\\(\\)`)), fix: expect.stringContaining(`GRANT EXECUTE ON FUNCTION pg_catalog.pg_current_logfile() TO "${role}";`) });
    }
  });
});

describe("shutdown", () => {
  it("stop() ends a round at once: the hung PostgreSQL read is dropped and no further source is read", async () => {
    const odooLog = writeLog("stop-odoo.log", `${odooStamp()} 1 ERROR ? odoo.service.server: WorkerHTTP (1) timeout after 120s\n`);
    const hung = `postgres://postgres@127.0.0.1:${await blackhole()}/postgres`;
    const own = new PidSpy();
    const r = reader({ id: "sig-stop", postgres: { url: hung }, host: sshHost(), odoo: { logPath: odooLog } }, hung, own);
    const round = r.readOnce();
    await new Promise((res) => setTimeout(res, 300)); // connecting: the connect timeout is 3 s
    const t0 = Date.now();
    r.stop();
    await round;
    expect(Date.now() - t0).toBeLessThan(500);
    expect(status(r, "postgres")).toMatchObject({ status: "error", error: expect.stringMatching(/closed \(shutting down\)/) });
    expect(status(r, "odoo").status).toBe("pending");
    expect(r.stats.reads).toBe(0); // the access check (first statement on a new reader) was in flight; no log read after it
    expect(own.size).toBe(0);
  });

  it("the watcher's stop() waits at most ~2 s for a host read it cannot interrupt, and reads nothing after", async () => {
    const port = await blackhole(); // an sshd that never answers: the connect waits its 5 s
    const ssh = { ...sshHost().ssh, host: "127.0.0.1", port };
    const config = { targets: [{ id: "sig-stopw", name: "stopw", postgres: { url: cluster.url, logPath: path.join(dir, "a.log") }, host: { ssh }, odoo: { logPath: path.join(dir, "b.log") } }] };
    const monitors = createMonitors(config, 60_000);
    const w = startSignalWatchers(config, monitors, () => {}, { intervalMs: 100, firstDelayMs: 0 });
    await new Promise((res) => setTimeout(res, 300));
    const t0 = Date.now();
    await w.stop();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThan(1500);
    expect(took).toBeLessThan(2600);
    expect(sourceStatuses(config.targets[0]).every((x) => x.status === "pending" || x.status === "not_configured")).toBe(true);
    await new Promise((res) => setTimeout(res, 4500)); // the host read gives up; no next source, no next round
    expect(sourceStatuses(config.targets[0]).every((x) => x.status === "pending" || x.status === "not_configured")).toBe(true);
    await Promise.all([...monitors.values()].map((m) => m.stop()));
  }, 15_000);
});

describe("the watcher and the API", () => {
  it("reads in the background, and the API shows counts, latest lines and source status", async () => {
    const odooLog = writeLog("api-odoo.log", `${odooStamp(new Date(Date.now() - 3_600_000))} 1 INFO ? odoo.service.server: Worker WorkerHTTP (1) alive\n${odooStamp()} 2 ERROR ? odoo.service.server: WorkerHTTP (2) timeout after 120s\n`);
    const config = {
      targets: [
        { id: "sig-api", name: "api", postgres: { url: cluster.url, logPath: path.join(dir, "absent.log") }, host: sshHost(), odoo: { logPath: odooLog } },
        { id: "sig-api-pg", name: "api-pg", postgres: { url: cluster.url } },
      ],
    };
    const monitors = createMonitors(config, 60_000); // not started: the watcher uses the host transport only
    const w = startSignalWatchers(config, monitors, () => {}, { intervalMs: 200, firstDelayMs: 0 });
    try {
      await until(async () => sourceStatuses(config.targets[0]).find((s) => s.source === "odoo")?.status === "ok", 5000, "the first round");
      await until(async () => sourceStatuses(config.targets[1]).find((s) => s.source === "postgres")?.status === "ok", 5000, "PostgreSQL's own log");
      // Read on a connection of its own: the target's action connection was never opened for it.
      expect(registered<Map<string, unknown>>("actionConnections")?.has("sig-api-pg") ?? false).toBe(false);
      const { addUser } = await import("../../lib/server/auth/users");
      const { createToken } = await import("../../lib/server/auth/api-tokens");
      const vera = await addUser(db, { username: "vera", password: "correct-horse-9", role: "viewer" }, { scrypt: { N: 1024, r: 8, p: 1 } });
      const token = (await createToken(db, vera.id, "t")).token;
      const { GET } = await import("../../app/api/targets/[id]/signals/route");
      const get = async (id: string, query: string, auth = true) => {
        const res = await GET(new Request(`http://127.0.0.1/api/targets/${id}/signals${query}`, { headers: auth ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ id }) });
        return { status: res.status, body: await res.json() };
      };
      const ok = await get("sig-api", "");
      expect(ok.status).toBe(200);
      expect(Date.parse(ok.body.until) - Date.parse(ok.body.since)).toBe(20 * 60_000);
      expect(ok.body.counts).toEqual({ timeout: 1 }); // the Worker line is an hour old
      expect(ok.body.latest).toEqual([expect.objectContaining({ source: "odoo", kind: "timeout", line: expect.stringContaining("WorkerHTTP (2) timeout after 120s") })]);
      expect(ok.body.sources).toEqual([
        expect.objectContaining({ source: "postgres", origin: path.join(dir, "absent.log"), status: "missing", error: `${path.join(dir, "absent.log")}: No such file or directory` }),
        expect.objectContaining({ source: "odoo", origin: odooLog, status: "ok", lastReadAt: expect.any(String) }),
        expect.objectContaining({ source: "kernel", origin: "kernel log", status: "pending" }), // the host monitor is not running
      ]);
      expect((await get("sig-api", "?minutes=120")).body.counts).toEqual({ timeout: 1, worker: 1 });
      for (const bad of ["0", "1441", "abc", "1.5", ""]) {
        const r = await get("sig-api", `?minutes=${bad}`);
        expect(r.status).toBe(400);
        expect(r.body.error.message).toMatch(/^minutes: /);
      }
      expect((await get("nope", "")).status).toBe(404);
      expect((await get("sig-api", "", false)).status).toBe(401);
    } finally {
      await w.stop();
      await Promise.all([...monitors.values()].map((m) => m.stop()));
    }
  });
});
