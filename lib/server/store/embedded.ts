// The default store: an embedded PostgreSQL 18 (local-cluster) with its data under ./data/store.
// It listens on a Unix socket only, in a 0700 folder: no TCP port to collide with, and other local
// users cannot reach a trust-authenticated superuser (which would let them make themselves admin).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { attachCluster, startCluster, type LocalCluster } from "../local-cluster";
import { clearOwner, liveOtherOwner, livePostmaster, removeStaleLockFiles, writeOwner, type OwnerRole } from "./postmaster";

export const STORE_DATABASE = "triage";
// Only the socket file's name: .s.PGSQL.5432 in our own folder, so a fixed number never collides.
const SOCKET_PORT = 5432;
const MAX_SOCKET_PATH = 103; // sun_path is 108 bytes on Linux, minus the NUL and some margin

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

export interface EmbeddedStore {
  /** postgresql:// URL of the triage database, through the socket folder. */
  url: string;
  /** True when this process started the server (and stop() will stop it). */
  owned: boolean;
  /** The running server's postmaster pid, or null when none runs on this data directory (crashed, killed). */
  postmasterPid(): number | null;
  /** Starts the server again after it died (PostgreSQL's crash recovery runs at start). Owned stores only. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  root: string;
  /** "console": the server's owner; "shared" (the CLI): attach to a running server, or start one for a while. */
  role: OwnerRole;
  log: (line: string) => void;
  /** How long a console waits for a CLI that holds the store to finish. Default 30 s. */
  waitForSharedMs?: number;
}

export function socketUrl(socketDir: string, port: number, database: string): string {
  return `postgresql://postgres@localhost:${port}/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ensureDatabase(adminUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl, application_name: "pg-triage-store" });
  c.on("error", () => {});
  await c.connect();
  try {
    const r = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [STORE_DATABASE]);
    if (r.rowCount === 0) {
      await c.query(`CREATE DATABASE ${STORE_DATABASE}`).catch((e: { code?: string }) => {
        if (e.code !== "42P04") throw e; // created meanwhile by another starter
      });
    }
  } finally {
    await c.end().catch(() => {});
  }
}

/** Waits while another live process owns a running server: a console for a CLI to finish; refuses a second console. */
async function waitForOtherOwner(opts: EmbeddedOptions, pgdata: string): Promise<void> {
  const deadline = Date.now() + (opts.waitForSharedMs ?? 30_000);
  for (let other = liveOtherOwner(opts.root); other && livePostmaster(pgdata); other = liveOtherOwner(opts.root)) {
    if (other.role === "console") {
      throw new StoreError(
        `the embedded store in ${opts.root} is in use by another pg-triage console (pid ${other.pid}): stop it, or give this one another TRIAGE_STORE_DIR`,
      );
    }
    if (Date.now() > deadline) throw new StoreError(`the embedded store in ${opts.root} is held by pg-triage CLI pid ${other.pid}, which did not finish`);
    await sleep(200);
  }
}

export async function startEmbeddedStore(opts: EmbeddedOptions): Promise<EmbeddedStore> {
  const root = path.resolve(opts.root);
  const pgdata = path.join(root, "pgdata");
  const socketDir = path.join(root, "run");
  if (path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`).length > MAX_SOCKET_PATH) {
    throw new StoreError(`the store folder ${root} is too deep for a Unix socket path: set TRIAGE_STORE_DIR to a shorter path`);
  }
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(socketDir, 0o700);

  const live = livePostmaster(pgdata);
  if (live && opts.role === "shared") {
    // The console (or another CLI) is running it: use it, never stop it.
    return attached(socketUrl(live.socketDir || socketDir, live.port, STORE_DATABASE), pgdata);
  }
  if (live) {
    await waitForOtherOwner({ ...opts, root }, pgdata);
    const still = livePostmaster(pgdata);
    if (still) {
      opts.log(`stopping the store's PostgreSQL left running by an earlier run (pid ${still.pid})`);
      await (await attachCluster("embedded-18", root, still.port)).stop();
    }
  }
  removeStaleLockFiles(pgdata, socketDir, SOCKET_PORT);

  let cluster: LocalCluster;
  writeOwner(root, opts.role); // before the server is up: nobody may take it for a stale one meanwhile
  try {
    cluster = await startCluster({
      kind: "embedded-18",
      dataDir: root,
      port: SOCKET_PORT,
      // fsync on: this is the record of users and, later, the audit trail (local-cluster turns it off for
      // throwaway clusters). Small buffers: the console runs on hosts that are short of memory.
      settings: { listen_addresses: "", fsync: "on", shared_buffers: "16MB", max_connections: 40 },
    });
  } catch (e) {
    clearOwner(root);
    const now = livePostmaster(pgdata);
    if (now && opts.role === "shared") return attached(socketUrl(now.socketDir, now.port, STORE_DATABASE), pgdata);
    const logFile = path.join(root, "postgres.log");
    throw new StoreError(`cannot start the embedded store in ${root}: ${(e as Error).message.trim()}${fs.existsSync(logFile) ? ` (log: ${logFile})` : ""}`);
  }
  let stopping = false;
  const stop = async () => {
    stopping = true;
    clearOwner(root);
    try {
      await cluster.stop();
    } catch (e) {
      if (livePostmaster(pgdata)) throw e; // else it is already down (stopped by hand, or crashed): fine
    }
  };
  try {
    await ensureDatabase(socketUrl(socketDir, SOCKET_PORT, "postgres"));
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
  const restart = async () => {
    if (stopping || livePostmaster(pgdata)) return; // shutting down, or someone (the CLI) brought one up meanwhile
    // After kill -9 the dead server's postmaster.pid and socket lock stay behind: a recycled pid in them would block the start.
    removeStaleLockFiles(pgdata, socketDir, SOCKET_PORT);
    writeOwner(root, opts.role);
    try {
      await cluster.start();
    } catch {
      // pg_ctl only says "could not start server": the server's own reason is the log's last FATAL line.
      throw new StoreError(lastFatal(path.join(root, "postgres.log")) ?? "PostgreSQL did not start (see postgres.log)");
    }
  };
  const postmasterPid = () => livePostmaster(pgdata)?.pid ?? null;
  return { url: socketUrl(socketDir, SOCKET_PORT, STORE_DATABASE), owned: true, postmasterPid, restart, stop };
}

function lastFatal(logFile: string): string | null {
  try {
    const fd = fs.openSync(logFile, "r");
    try {
      const size = fs.fstatSync(fd).size;
      const buf = Buffer.alloc(Math.min(size, 8192));
      fs.readSync(fd, buf, 0, buf.length, size - buf.length);
      const line = buf.toString("utf8").split("\n").reverse().find((l) => /\b(FATAL|PANIC):/.test(l));
      return line ? line.replace(/^.*?\b(FATAL|PANIC):\s*/, "") : null;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** A server another process runs: used, never restarted or stopped from here. */
function attached(url: string, pgdata: string): EmbeddedStore {
  return { url, owned: false, postmasterPid: () => livePostmaster(pgdata)?.pid ?? null, restart: async () => {}, stop: async () => {} };
}
