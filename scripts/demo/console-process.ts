// The pg-triage console (server.ts) as a child process: build once, start, wait for "listening on".
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { groupOf, spawnGroup, type GroupChild } from "./child-group";

function localBin(name: string): string {
  const bin = path.join(process.cwd(), "node_modules", ".bin", name);
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm ci first`);
  return bin;
}

/** Prefixes a child's output lines; calls onLine for each so the caller can watch for a marker. */
function pipeLines(child: GroupChild, prefix: string, onLine?: (line: string) => void): void {
  for (const stream of [child.child.stdout, child.child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on("line", (line) => {
      process.stdout.write(`${prefix}${line}\n`);
      onLine?.(line);
    });
  }
}

const BUILD_INPUTS = ["app", "components", "lib", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** A build exists and is newer than every source it was built from (a pulled change rebuilds it). */
export function hasBuild(): boolean {
  const id = fs.statSync(path.join(process.cwd(), ".next", "BUILD_ID"), { throwIfNoEntry: false });
  return !!id && BUILD_INPUTS.every((p) => newestMtime(path.join(process.cwd(), p)) <= id.mtimeMs);
}

/** Runs `next build`; `onChild` receives the process so a Ctrl-C can stop it. */
export async function buildConsole(onChild: (c: GroupChild | null) => void): Promise<void> {
  const build = spawnGroup(localBin("next"), ["build"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  onChild(build);
  pipeLines(build, "[build] ");
  const code = await build.exited;
  onChild(null);
  if (code !== 0) throw new Error(`next build exited with ${code}`);
}

export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(true));
    srv.listen(port, host, () => srv.close(() => resolve(false)));
  });
}

/** Stops a console left running by a demo that was killed (its pid file names its process group). */
export async function stopStaleConsole(pidFile: string, log: (l: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  } catch {
    return;
  }
  let cmd = "";
  try {
    cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    // not running any more
  }
  if (pid > 0 && cmd.includes("server.ts")) {
    log(`a console from a previous demo is still running (pid ${pid}): stopping it`);
    await groupOf(pid).stop(5000);
  }
  fs.rmSync(pidFile, { force: true });
}

export interface ConsoleProcess {
  url: string;
  child: GroupChild;
}

/** Starts server.ts in production mode (NODE_ENV=production); resolves with the URL it prints once it listens. */
export async function startConsole(opts: {
  env: Record<string, string>;
  timeoutMs: number;
  pidFile: string;
  onChild: (c: GroupChild) => void;
}): Promise<ConsoleProcess> {
  // One process (not tsx's parent + child), as `npm start` runs it; its own group all the same.
  const child = spawnGroup(process.execPath, ["--import", "tsx", "server.ts"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env, NODE_ENV: "production" },
  });
  opts.onChild(child);
  if (child.child.pid) fs.writeFileSync(opts.pidFile, `${child.child.pid}\n`);
  void child.exited.then(() => fs.rmSync(opts.pidFile, { force: true }));
  const tail: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the console did not print "listening on" within ${opts.timeoutMs / 1000} s`)), opts.timeoutMs);
    pipeLines(child, "[console] ", (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      const m = /listening on (https?:\/\/\S+)/i.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/[.,;]$/, ""));
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the console exited with ${code} before listening${tail.length ? `; last output:\n  ${tail.join("\n  ")}` : ""}`));
    });
  });
  return { url, child };
}
