// Host memory over a real sshd on loopback and over the local transport, against a real cluster.
import { spawn, type ChildProcess } from "node:child_process";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { HostMonitor } from "../../lib/server/host/host-monitor";
import { PROBE_SCRIPT } from "../../lib/server/host/probe-script";
import { SshTransport } from "../../lib/server/host/ssh";
import { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import type { Snapshot } from "../../lib/snapshot";
import { openClient } from "../fixtures/pg-client";
import { startSshd, type Sshd } from "../fixtures/sshd";
import { nextSnapshot, until } from "../fixtures/wait";

const POLL_MS = 500;

let cluster: LocalCluster;
let sshd: Sshd;
let admin: pg.Client;

beforeAll(async () => {
  [cluster, sshd] = await Promise.all([startCluster({ kind: "embedded-18" }), startSshd()]);
  admin = await openClient(cluster.url, "test-admin");
});

afterAll(async () => {
  await admin?.end().catch(() => {});
  await Promise.all([cluster?.destroy(), sshd?.destroy()]);
});

const sshTarget = () => ({ host: sshd.host, port: sshd.port, username: sshd.username, privateKeyPath: sshd.privateKeyPath, hostKey: sshd.hostKey });

/** A backend that holds some memory of its own, and its pid. */
async function busyBackend(app: string): Promise<{ client: pg.Client; pid: number }> {
  const client = await openClient(cluster.url, app);
  await client.query("select count(*) from (select repeat('x', 1000) from generate_series(1, 20000) order by 1) s");
  const r = await client.query("select pg_backend_pid() as pid");
  return { client, pid: r.rows[0].pid };
}

const withMemory = (pid: number) => (s: Snapshot) => !!s.postgres.sessions.find((x) => x.pid === pid)?.memory;

describe.each(["ssh", "local"] as const)("host probe over %s", (kind) => {
  let monitor: TargetMonitor;
  let started: number;

  beforeAll(() => {
    const host = kind === "ssh" ? { ssh: sshTarget() } : { local: true as const };
    monitor = new TargetMonitor({ id: `h-${kind}`, name: kind, postgres: { url: cluster.url }, host }, { pollMs: POLL_MS, consolePids: new Set() });
    started = Date.now();
    monitor.start();
  });

  afterAll(async () => {
    await monitor?.stop();
  });

  it("carries host memory within two intervals", async () => {
    const s = await nextSnapshot(monitor, (x) => x.host?.status === "up", 2 * POLL_MS + 1000);
    expect(Date.now() - started).toBeLessThan(2 * POLL_MS + 1000);
    expect(s.host).toMatchObject({ transport: kind, status: "up" });
    expect(s.host!.memTotalBytes).toBeGreaterThan(s.host!.memAvailableBytes);
    expect(s.host!.memAvailableBytes).toBeGreaterThan(0);
    expect(s.host!.loadAvg).toHaveLength(3);
    expect(s.host!.psi ?? s.host!.psiUnavailable).toBeTruthy();
    expect(s.host!.processes.some((p) => p.kind === "postgres")).toBe(true);
    if (kind === "ssh" && sshd.username !== "root") expect(s.host!.kernelLogUnavailable).toMatch(/kernel log not readable/);
    const rates = await nextSnapshot(monitor, (x) => x.host?.swapInPerSec !== null && x.host?.status === "up", 3 * POLL_MS + 1000);
    expect(rates.host!.swapOutPerSec).toBeGreaterThanOrEqual(0);
  });

  it("puts a backend's memory on its session row", async () => {
    const { client, pid } = await busyBackend(`host-mem-${kind}`);
    try {
      const s = await nextSnapshot(monitor, withMemory(pid), 4 * POLL_MS + 1000);
      const row = s.postgres.sessions.find((x) => x.pid === pid)!;
      const proc = s.host!.processes.find((p) => p.pid === pid)!;
      expect(proc.kind).toBe("postgres");
      expect(row.memory!.rssBytes).toBe(proc.rssBytes);
      expect(row.memory!.rssBytes).toBeGreaterThan(1 << 20);
      // PSS needs ptrace-read access: root locally; a non-root ssh user cannot read postgres's.
      if (kind === "local" && process.getuid?.() === 0) expect(row.memory!.pssBytes).toBeGreaterThan(0);
      expect(monitor.summary().host).toBe("up");
      expect(monitor.hostHistory()!.length).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("shows a process allocating 200 MB with its RSS", async () => {
    const hog: ChildProcess = spawn(process.execPath, ["-e", "globalThis.b = Buffer.alloc(200e6).fill(1); console.log('ready'); setInterval(() => {}, 1000)"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve) => hog.stdout!.once("data", () => resolve()));
      // The host part may be up to one probe older than "ready": wait for the probe that saw it allocated.
      const s = await nextSnapshot(monitor, (x) => !!x.host?.processes.some((p) => p.pid === hog.pid && p.rssBytes > 195e6), 4 * POLL_MS + 1000);
      const p = s.host!.processes.find((x) => x.pid === hog.pid)!;
      expect(p).toMatchObject({ kind: "other", command: "node" });
      expect(p.rssBytes).toBeGreaterThan(195e6);
    } finally {
      hog.kill("SIGKILL");
    }
  });
});

describe("ssh transport", () => {
  it("refuses a wrong host key before authenticating", async () => {
    const from = sshd.logSize();
    const t = new SshTransport({ ...sshTarget(), hostKey: "SHA256:" + "A".repeat(43) });
    await expect(t.run(PROBE_SCRIPT, 5000)).rejects.toThrow(/host key mismatch: expected SHA256:A+, got SHA256:/);
    expect(t.stats).toMatchObject({ hostKeyRejected: 1, authAttempts: 0, connects: 0 });
    const m = new HostMonitor(t, { pollMs: POLL_MS });
    m.start();
    await until(async () => m.latest()?.status === "down", 3000, "host down");
    expect(m.latest()!.error).toMatch(/host key mismatch/);
    await m.stop();
    await new Promise((r) => setTimeout(r, 200)); // let sshd write its lines
    const log = sshd.log(from);
    expect(log).toMatch(/Connection from 127\.0\.0\.1/);
    expect(log).not.toMatch(/publickey|Accepted|Failed|authenticating user|Invalid user/);
  });

  it("leaves no channel open after 1000 consecutive probes", async () => {
    const t = new SshTransport(sshTarget());
    const m = new HostMonitor(t, { pollMs: POLL_MS });
    let maxOpen = 0;
    try {
      for (let i = 0; i < 1000; i++) {
        await m.probeOnce();
        maxOpen = Math.max(maxOpen, t.openChannels(), t.clientChannels());
      }
      expect(m.stats.probes).toBe(1000);
      expect(t.stats.connects).toBe(1); // one persistent connection
      expect(maxOpen).toBe(0); // a probe's channel is closed before it resolves
      expect(t.openChannels()).toBe(0);
      expect(t.clientChannels()).toBe(0);
    } finally {
      await t.close();
    }
  }, 60_000);

  it("marks the host down when sshd stops, keeps PostgreSQL updating, and reconnects when it is back", async () => {
    const monitor = new TargetMonitor({ id: "h-restart", name: "r", postgres: { url: cluster.url }, host: { ssh: sshTarget() } }, { pollMs: POLL_MS, consolePids: new Set() });
    monitor.start();
    try {
      await nextSnapshot(monitor, (s) => s.host?.status === "up" && s.postgres.status === "up", 5000);
      await sshd.stop();
      const down = await nextSnapshot(monitor, (s) => s.host?.status === "down", 5000);
      expect(down.host!.error).toMatch(/ssh|connect|closed|ECONNREFUSED/i);
      expect(down.postgres.status).toBe("up");
      const before = Date.parse(down.postgres.lastPollAt!);
      const later = await nextSnapshot(monitor, (s) => Date.parse(s.postgres.lastPollAt!) > before + POLL_MS, 3000);
      expect(later.host!.status).toBe("down"); // the host part is stale/down, the postgres part moves on
      expect(later.host!.memTotalBytes).toBeGreaterThan(0); // last known numbers kept
      await sshd.start();
      const t0 = Date.now();
      await nextSnapshot(monitor, (s) => s.host?.status === "up", 8000);
      expect(Date.now() - t0).toBeLessThan(6000); // capped backoff
    } finally {
      await monitor.stop();
    }
  });
});
