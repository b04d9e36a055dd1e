// exec() over a real sshd on loopback and over the local transport: background children, real
// timeouts, the per-host cap under concurrency, and the slot count after every failure path.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/server/local-cluster";
import { LocalTransport } from "../../lib/server/host/local";
import { SshTransport } from "../../lib/server/host/ssh";
import { MAX_EXEC_CHANNELS, type HostTransport } from "../../lib/server/host/transport";
import { startSshd, type Sshd } from "../fixtures/sshd";
import { until } from "../fixtures/wait";

let sshd: Sshd;
// World-writable: the ssh login user (not us when we are root) writes its marker files here.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-host-exec-"));
fs.chmodSync(scratch, 0o1777);
const seed = crypto.randomBytes(3).readUIntBE(0, 3);
let serial = 0;
/** A sleep whose command line is unique to this run (and this call), for pgrep. */
const marker = (secs: number) => `sleep ${secs}.${seed}${String(++serial).padStart(2, "0")}`;
const markers: string[] = [];

/** Pids whose full command line is exactly `text`. */
const pidsOf = (text: string): number[] => {
  try {
    return execFileSync("pgrep", ["-f", `^${text.replace(/\./g, "\\.")}$`], { encoding: "utf8" }).trim().split("\n").map(Number);
  } catch {
    return []; // exit 1: nothing matched
  }
};
const killPids = (pids: number[]) => {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {} // already gone
  }
};

beforeAll(async () => {
  sshd = await startSshd();
});

afterAll(async () => {
  for (const m of markers) killPids(pidsOf(m)); // background sleeps the tests left on purpose
  await sshd?.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const sshTarget = () => ({ host: sshd.host, port: sshd.port, username: sshd.username, privateKeyPath: sshd.privateKeyPath, hostKey: sshd.hostKey });
const make = (kind: "ssh" | "local"): HostTransport => (kind === "ssh" ? new SshTransport(sshTarget()) : new LocalTransport());

describe.each(["ssh", "local"] as const)("exec over %s", (kind) => {
  const transports: HostTransport[] = [];
  const fresh = () => {
    const t = make(kind);
    transports.push(t);
    return t;
  };
  afterAll(async () => {
    for (const t of transports) await t.close();
  });

  it("returns at the command's exit when a background child keeps stdout open", async () => {
    const t = fresh();
    const bg = marker(12);
    markers.push(bg);
    const t0 = Date.now();
    const r = await t.exec(`${bg} & echo started; echo warn >&2`, { timeoutMs: 10_000 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, stdout: "started\n", stderr: "warn\n", truncated: false });
    expect(t.openChannels()).toBe(0);
    // The child outlives the command (the command author's business) but did not hold the request.
    expect(pidsOf(bg)).toHaveLength(1);
    killPids(pidsOf(bg));
    if (t instanceof SshTransport) await until(async () => t.clientChannels() === 0, 2000, "the channel closed");
    // The transport is still usable after closing a held channel.
    expect(await t.exec("echo again", { timeoutMs: 5000 })).toMatchObject({ exitCode: 0, stdout: "again\n" });
  });

  it("reports a real timeout and kills the whole process group", async () => {
    const t = fresh();
    const [bg, fg] = [marker(60), marker(61)];
    markers.push(bg, fg);
    const r = await t.exec(`${bg} & ${fg}; echo never`, { timeoutMs: 1000 });
    expect(r).toMatchObject({ exitCode: null, timedOut: true, stdout: "" });
    expect(r.durationMs).toBeGreaterThanOrEqual(1000);
    expect(r.durationMs).toBeLessThan(4000);
    await until(async () => pidsOf(bg).length + pidsOf(fg).length === 0, 2000, "both sleeps killed by timeout");
    expect(t.openChannels()).toBe(0);
  });

  it(`runs exactly ${MAX_EXEC_CHANNELS} of 10 concurrent commands and refuses the rest`, async () => {
    const t = fresh(); // not connected yet: the cap must hold across the connect too
    const dir = fs.mkdtempSync(path.join(scratch, `cap-${kind}-`));
    fs.chmodSync(dir, 0o1777);
    const all = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => t.exec(`touch ${dir}/ran-${i}; sleep 0.5; echo ok`, { timeoutMs: 5000 })));
    const ran = all.filter((x) => x.status === "fulfilled");
    const refused = all.filter((x) => x.status === "rejected");
    expect(ran).toHaveLength(MAX_EXEC_CHANNELS);
    for (const x of ran) expect(x.value).toMatchObject({ exitCode: 0, timedOut: false, stdout: "ok\n" });
    expect(refused).toHaveLength(10 - MAX_EXEC_CHANNELS);
    for (const x of refused) expect(String(x.reason.message)).toMatch(new RegExp(`more than ${MAX_EXEC_CHANNELS} commands at once`));
    expect(fs.readdirSync(dir)).toHaveLength(MAX_EXEC_CHANNELS); // the refused ones never reached the host
    expect(t.openChannels()).toBe(0);
    if (t instanceof SshTransport) await until(async () => t.clientChannels() === 0, 2000, "all channels closed");
    // Every slot came back.
    const again = await Promise.all(Array.from({ length: MAX_EXEC_CHANNELS }, () => t.exec("echo ok", { timeoutMs: 5000 })));
    expect(again.map((r) => r.exitCode)).toEqual(Array(MAX_EXEC_CHANNELS).fill(0));
  });
});

describe("exec slots after failures", () => {
  it("ssh: a failed connect releases its slot", async () => {
    const t = new SshTransport({ ...sshTarget(), port: await freePort() }, 1000);
    try {
      const all = await Promise.allSettled(Array.from({ length: MAX_EXEC_CHANNELS + 2 }, () => t.exec("echo never", { timeoutMs: 2000 })));
      expect(all.every((x) => x.status === "rejected")).toBe(true);
      expect(t.openChannels()).toBe(0);
      // Not "more than ... at once": the slots of the failed calls are free again.
      await expect(t.exec("echo never", { timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED|ssh/);
      expect(t.openChannels()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it("local: a spawn that fails (error, then close) releases its slot exactly once", async () => {
    const t = new LocalTransport(path.join(scratch, "no-such-shell"));
    for (let i = 0; i < 3; i++) await expect(t.exec("echo never", { timeoutMs: 2000 })).rejects.toThrow(/cannot run .*ENOENT/);
    await new Promise((r) => setTimeout(r, 100)); // the "close" that follows "error"
    expect(t.openChannels()).toBe(0);
  });

  it("local: a command spawn refuses synchronously (a NUL byte) releases its slot", async () => {
    const t = new LocalTransport();
    await expect(t.exec("echo a\0b", { timeoutMs: 2000 })).rejects.toThrow(/cannot run/);
    expect(t.openChannels()).toBe(0);
  });

  it("local: when `timeout` itself never exits, the backstop kills the whole group", async () => {
    const t = new LocalTransport();
    const fg = marker(62);
    markers.push(fg);
    // The command stops its own `timeout` (its parent), so only our backstop can end it.
    const r = await t.exec(`kill -STOP $PPID; ${fg}`, { timeoutMs: 1000 });
    expect(r).toMatchObject({ exitCode: null, timedOut: true });
    expect(r.durationMs).toBeGreaterThanOrEqual(6000);
    await until(async () => pidsOf(fg).length === 0, 2000, "the sleep killed with its group");
    expect(t.openChannels()).toBe(0);
  }, 15_000);
});
