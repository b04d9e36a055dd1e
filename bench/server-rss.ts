// Part 5: the real server.ts (Next production + socket.io + monitor) as a child process, 50 viewers,
// VmRSS from /proc/<pid>/status at the start and while streaming.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { trackChild } from "./cleanup";
import { within } from "./table";

const ROOT = path.join(__dirname, "..");

export function procStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
    return { rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return null;
  }
}

export interface BuildState {
  ok: boolean;
  how: string;
}

/** Uses .next/BUILD_ID when present; else runs `npx next build` (restoring tsconfig.json, which it rewrites). */
export function ensureBuild(): BuildState {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return { ok: true, how: "existing .next/BUILD_ID" };
  console.log("no .next/BUILD_ID: running `npx next build` (about a minute on 2 cores) ...");
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const t0 = Date.now();
  const r = spawnSync("npx", ["next", "build"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before); // next build reformats it
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  if (r.status === 0 && fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return { ok: true, how: `built by this run in ${secs} s` };
  const why = `${r.stdout ?? ""}\n${r.stderr ?? ""}`.trim().split("\n").filter((l) => /error|fail/i.test(l)).slice(0, 3).join(" | ");
  return { ok: false, how: `next build failed after ${secs} s: ${why || `exit ${r.status}`}` };
}

export interface RunningServer {
  pid: number;
  url: string;
  /** Live heap (MB) after each full GC (Mark-Compact) of the main isolate, from --trace-gc. */
  heapAfterFullGc(): number[];
  stop(): Promise<void>;
}

// [pid:isolate]   8698 ms: Mark-Compact 58.1 (86.1) -> 45.3 (84.4) MB, ...
const GC_LINE = /^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: (Scavenge|Mark-Compact)[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/;

class GcLog {
  private readonly byIsolate = new Map<string, { lines: number; fullAfter: number[] }>();
  private partial = "";
  add(chunk: string) {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      const m = GC_LINE.exec(line);
      if (!m) continue;
      const iso = this.byIsolate.get(m[1]) ?? { lines: 0, fullAfter: [] };
      iso.lines++;
      if (m[2] === "Mark-Compact") iso.fullAfter.push(Number(m[5]));
      this.byIsolate.set(m[1], iso);
    }
  }
  /** The main isolate is the one collecting most often. */
  main(): number[] {
    return [...this.byIsolate.values()].sort((a, b) => b.lines - a.lines)[0]?.fullAfter ?? [];
  }
}

/**
 * `node --trace-gc --import tsx server.ts` with NODE_ENV=production (or the bare hub-process.ts when
 * the Next build fails); resolves at "pg-triage listening on http://...". --trace-gc only prints a
 * line per collection: it tells a leak (live heap after full GCs grows) from lazy collection.
 */
export async function startServer(targetUrl: string, script = "server.ts"): Promise<RunningServer> {
  // A store of its own, in a fresh folder: nothing left by the demo or an earlier run changes the measurement.
  const storeRoot = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-bench-store-"));
  fs.chmodSync(storeRoot, 0o711); // the store's PostgreSQL runs as another user when we are root
  const child = spawn(process.execPath, ["--trace-gc", "--import", "tsx", script], {
    cwd: ROOT,
    env: {
      ...process.env,
      TRIAGE_STORE_DIR: path.join(storeRoot, "store"),
      TRIAGE_STORE_URL: "",
      TRIAGE_AUDIT_KEY: "",
      TRIAGE_AUDIT_KEY_FILE: "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      TRIAGE_TARGET_URL: targetUrl,
      HOST: "127.0.0.1",
      PORT: "0",
      TRIAGE_POLL_MS: "1000",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const stopChild = trackChild(child, "server.ts");
  const stop = async () => {
    await stopChild();
    fs.rmSync(storeRoot, { recursive: true, force: true });
  };
  let output = "";
  const gc = new GcLog();
  child.stdout!.on("data", (d: Buffer) => gc.add(d.toString()));
  const url = await within(
    new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output = (output + d.toString()).slice(-5000);
        const m = /pg-triage listening on (http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1]);
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", (code) => reject(new Error(`server.ts exited (${code}) at start: ${output.slice(-500)}`)));
    }),
    60_000,
    "server.ts start",
  ).catch(async (e) => {
    await stop();
    throw e;
  });
  return { pid: child.pid!, url, heapAfterFullGc: () => gc.main(), stop };
}

/** One GET, status only (loads the page's server code as a first browser visit would). */
export function get(url: string): Promise<number> {
  return within(
    new Promise<number>((resolve, reject) => {
      http.get(url, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      }).on("error", reject);
    }),
    30_000,
    `GET ${url}`,
  );
}
