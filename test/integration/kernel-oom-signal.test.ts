// The kernel's OOM-killer line as an incident signal, end to end: a recorded OOM kill (as `dmesg -T`
// prints it) is put into the kernel log the probe reads, and must come out of the real host monitor
// (fixed kernel-log script, local transport) and the real signal reader as ONE oom_kill signal,
// stored with the kernel's own time; its companion lines are not kills, and an old kill without a
// clock time is the baseline, not news. The kernel ring buffer cannot be given a line with a chosen
// time, so `dmesg` is a stand-in on PATH that prints the recorded lines; everything after it is real.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostMonitor } from "../../lib/server/host/host-monitor";
import { LocalTransport } from "../../lib/server/host/local";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { pgLogSession } from "../../lib/server/signals/pg-log-reader";
import { readSignals } from "../../lib/server/signals/signal-store";
import { TargetSignals } from "../../lib/server/signals/target-signals";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openTestStore } from "../fixtures/test-store";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
/** dmesg -T's clock: "[Sun Dec  6 05:20:01 2026]" (the kernel's time zone; UTC here). */
const dmesgT = (d: Date) =>
  `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}]`;

// A real kill as the kernel logs it (recorded on an Odoo host), one minute ago.
const KILLED_AT = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
const KILL = "Out of memory: Killed process 1234 (postgres) total-vm:2488408kB, anon-rss:1901232kB, file-rss:0kB, shmem-rss:131072kB, UID:108 pgtables:4012kB oom_score_adj:0";
const KERNEL_LOG = [
  "[ 8123.441420] Out of memory: Killed process 4201 (postgres) total-vm:2488408kB, anon-rss:1901232kB", // before boot-time clocks: age unknown
  `${dmesgT(KILLED_AT)} postgres invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0`,
  `${dmesgT(KILLED_AT)} oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/postgresql@15-main.service,task=postgres,pid=1234,uid=108`,
  `${dmesgT(KILLED_AT)} ${KILL}`,
  `${dmesgT(KILLED_AT)} usb 1-1: new high-speed USB device number 2 using xhci_hcd`, // not an OOM line: the probe's grep drops it
];

let cluster: LocalCluster;
let db: Db;
let bin: string;
const savedPath = process.env.PATH;

beforeAll(async () => {
  cluster = await startCluster({ kind: "embedded-18" });
  ({ db } = await openTestStore(cluster));
  bin = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-kernel-"));
  fs.writeFileSync(path.join(bin, "kernel.log"), KERNEL_LOG.join("\n") + "\n");
  fs.writeFileSync(path.join(bin, "dmesg"), `#!/bin/sh\ncat '${path.join(bin, "kernel.log")}'\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "empty.log"), "");
  process.env.PATH = `${bin}:${savedPath}`;
});

afterAll(async () => {
  process.env.PATH = savedPath;
  clearStore();
  await db?.$disconnect();
  await cluster?.destroy();
  if (bin) fs.rmSync(bin, { recursive: true, force: true });
});

describe("kernel OOM kills as incident signals", () => {
  it("the recorded OOM-killer line is read as one oom_kill signal at the kernel's time; companions and old kills are not", async () => {
    const host = new HostMonitor(new LocalTransport(), { pollMs: 60_000 });
    const signals = new TargetSignals({
      // The PostgreSQL log is an empty file on the host, so this round reads the kernel's lines only.
      config: { id: "k1", name: "k1", postgres: { url: cluster.url, logPath: path.join(bin, "empty.log") }, host: { local: true } },
      host,
      pg: () => pgLogSession(cluster.url, new Set()),
      db: () => db,
    });
    try {
      await host.probeOnce(); // the first probe reads the kernel log, through `dmesg`
      expect(host.kernelLogRead()).toEqual({ source: "dmesg", lines: KERNEL_LOG.slice(0, 4) });

      await signals.readOnce();
      expect(signals.sources().find((s) => s.source === "kernel")).toMatchObject({ origin: "kernel log", status: "ok" });
      const read = await readSignals(db, "k1", new Date(0));
      expect(read.counts).toEqual({ oom_kill: 1 });
      expect(read.latest).toEqual([expect.objectContaining({ source: "kernel", kind: "oom_kill", at: KILLED_AT.toISOString(), line: expect.stringContaining(KILL) })]);

      // The next round, with nothing new in the kernel log, stores nothing twice.
      await host.probeOnce();
      await signals.readOnce();
      expect((await readSignals(db, "k1", new Date(0))).counts).toEqual({ oom_kill: 1 });
    } finally {
      signals.stop();
      await host.stop();
    }
  });
});
