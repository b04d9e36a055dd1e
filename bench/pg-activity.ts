// Part 2, the peer: pg_activity (Debian package pg-activity) at --refresh 1, run for real against the
// same cluster. It is a curses program with no batch mode, so it runs under `script` (a pty) with a
// fixed terminal size; its database time comes from pg_stat_statements of its own role (pga).
import { spawn, spawnSync } from "node:child_process";
import type pg from "pg";
import type { LocalCluster } from "../lib/server/local-cluster";
import { trackChild } from "./cleanup";
import { ROLES } from "./backends";
import { resetStatements, statementsOf, totalCalls, totalMs, type StatementStat } from "./pg-stats";
import { sleep } from "./table";

export interface PeerStatus {
  available: boolean;
  /** How it got here: already installed, installed by this run, or why not. */
  how: string;
  version?: string;
}

function version(): string | null {
  const r = spawnSync("pg_activity", ["--version"], { encoding: "utf8", timeout: 10_000 });
  return r.status === 0 ? (r.stdout || r.stderr).trim() : null;
}

/** Finds pg_activity; when missing and running as root, tries `apt-get install -y pg-activity` once. */
export function findPgActivity(): PeerStatus {
  const v = version();
  if (v) return { available: true, how: "already installed", version: v };
  if (process.env.BENCH_NO_APT) return { available: false, how: "not installed (BENCH_NO_APT set)" };
  if (process.getuid?.() !== 0) return { available: false, how: "not installed and not root (apt-get install -y pg-activity)" };
  console.log("pg_activity missing: apt-get install -y pg-activity ...");
  const r = spawnSync("apt-get", ["install", "-y", "pg-activity"], { encoding: "utf8", timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  const v2 = version();
  if (v2) return { available: true, how: "installed by this run (apt-get)", version: v2 };
  return { available: false, how: `apt-get install failed: ${(r.stderr || r.stdout || String(r.error)).trim().split("\n").pop()}` };
}

export interface PeerRun {
  seconds: number;
  refreshes: number;
  statementsPerRefresh: number;
  msPerSec: number;
  msPerRefresh: number;
  top: StatementStat[];
  error?: string;
}

/** Runs pg_activity for `seconds` (after a warm-up) and reads its database time. */
export async function measurePgActivity(admin: pg.Client, cluster: LocalCluster, seconds: number): Promise<PeerRun> {
  const cmd = `stty rows 50 cols 200; exec pg_activity --refresh 1 -h ${cluster.host} -p ${cluster.port} -U ${ROLES.pga} -d postgres`;
  const child = spawn("script", ["-q", "-e", "-c", cmd, "/dev/null"], {
    env: { ...process.env, TERM: "xterm-256color", LANG: "C.UTF-8" },
    stdio: ["pipe", "pipe", "pipe"],
    detached: true, // its own process group: script + pg_activity die together
  });
  const stop = trackChild(child, "pg_activity");
  let tail = "";
  const keep = (d: Buffer) => (tail = (tail + d.toString("utf8")).slice(-2000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const dead = () => child.exitCode !== null || child.signalCode !== null;
  try {
    await sleep(2500); // start-up queries (version, data_directory, ...) stay out of the window
    if (dead()) return failed(seconds, `pg_activity exited at start: ${clean(tail)}`);
    await resetStatements(admin, ROLES.pga);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const stats = await statementsOf(admin, ROLES.pga);
    const elapsed = (performance.now() - t0) / 1000;
    if (dead()) return failed(seconds, `pg_activity exited during the run: ${clean(tail)}`);
    const refreshes = Math.max(0, ...stats.map((s) => s.calls));
    const total = totalMs(stats);
    return {
      seconds: elapsed,
      refreshes,
      statementsPerRefresh: refreshes > 0 ? totalCalls(stats) / refreshes : NaN,
      msPerSec: total / elapsed,
      msPerRefresh: refreshes > 0 ? total / refreshes : NaN,
      top: stats.slice(0, 3),
    };
  } finally {
    child.stdin.end();
    await stop();
  }
}

const clean = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[()=>78][0-9A-Za-z]?/g, " ").replace(/\s+/g, " ").trim().slice(-300);

const failed = (seconds: number, error: string): PeerRun => ({
  seconds,
  refreshes: 0,
  statementsPerRefresh: NaN,
  msPerSec: NaN,
  msPerRefresh: NaN,
  top: [],
  error,
});
