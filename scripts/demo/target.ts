// The demo's monitored PostgreSQL: embedded 18 on a persistent data dir, so a restart is quick.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { freePort, startCluster, type LocalCluster } from "../../lib/server/local-cluster";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid in postmaster.pid when it is a live postgres process (not a recycled pid), else null. */
export function livePostmaster(pgdata: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmd.includes("postgres") ? pid : null;
  } catch {
    return null;
  }
}

/** Stops a postmaster left running by a demo that was killed: fast shutdown, then immediate after 30 s. */
export async function stopStalePostmaster(pgdata: string, log: (l: string) => void): Promise<void> {
  const pid = livePostmaster(pgdata);
  if (pid === null) return;
  log(`a PostgreSQL from a previous demo is still running on ${pgdata} (pid ${pid}): stopping it`);
  process.kill(pid, "SIGINT"); // SIGINT = fast shutdown
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited === 30_000) process.kill(pid, "SIGQUIT"); // immediate shutdown
    if (waited > 40_000) throw new Error(`the previous demo's PostgreSQL (pid ${pid}) does not stop`);
    await sleep(100);
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export async function startDemoTarget(opts: { dataDir: string; port: number; log: (l: string) => void }): Promise<LocalCluster> {
  const root = path.resolve(opts.dataDir);
  await stopStalePostmaster(path.join(root, "pgdata"), opts.log);
  let port = opts.port;
  if (!(await portFree(port))) {
    port = await freePort();
    opts.log(`port ${opts.port} is taken: the target PostgreSQL uses port ${port} instead`);
  }
  return startCluster({
    kind: "embedded-18",
    dataDir: root,
    port,
    // log_temp_files makes the report's spills visible in the server log too, as on a real incident.
    settings: { log_temp_files: 0, log_line_prefix: "%m [%p] %q%u@%d %a ", max_connections: 200 },
  });
}
