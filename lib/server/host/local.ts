// The probe on this machine: the same fixed script, /bin/sh -c, no shell interpolation of anything else.
import { execFile, spawn } from "node:child_process";
import { CappedBuffer, EXEC_BACKSTOP_MS, EXEC_EXIT_GRACE_MS, execCommandLine, ExecSlots, MAX_CHANNELS, killedByTimeout, ProbeError, type ExecOptions, type ExecResult, type HostTransport } from "./transport";

export class LocalTransport implements HostTransport {
  readonly kind = "local" as const;
  private running = 0;
  private readonly execs = new ExecSlots();

  /** shell: for tests, a path that does not exist exercises the spawn-failure path. */
  constructor(private readonly shell = "/bin/sh") {}

  run(script: string, deadlineMs: number): Promise<string> {
    if (this.running >= MAX_CHANNELS) return Promise.reject(new ProbeError(`more than ${MAX_CHANNELS} probes at once`));
    this.running++;
    return new Promise<string>((resolve, reject) => {
      execFile(this.shell, ["-c", script], { timeout: deadlineMs, killSignal: "SIGKILL", maxBuffer: 16 << 20, encoding: "utf8" }, (err, stdout) => {
        this.running--;
        if (err && (err as { killed?: boolean }).killed) reject(new ProbeError(`probe did not finish within ${deadlineMs} ms`));
        else if (err && !stdout) reject(new ProbeError(`probe failed: ${err.message}`));
        else resolve(stdout); // a non-zero exit with output still carries the sections it read
      });
    });
  }

  exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    let release: () => void;
    try {
      release = this.execs.take();
    } catch (e) {
      return Promise.reject(e);
    }
    const started = Date.now();
    const cap = opts.maxOutputBytes ?? 256 * 1024;
    return new Promise<ExecResult>((resolve, reject) => {
      const out = new CappedBuffer(cap);
      const err = new CappedBuffer(cap);
      let settled = false;
      let backstop: NodeJS.Timeout | undefined;
      let grace: NodeJS.Timeout | undefined;
      // Settle once: "error" may be followed by "close", and "exit" by "close"; the slot is released exactly once.
      const settle = (r: { result: ExecResult } | { error: Error }) => {
        if (settled) return;
        settled = true;
        clearTimeout(backstop);
        clearTimeout(grace);
        release();
        // Stop reading: a background child that outlived the command keeps its copy of the pipes (its own business).
        child?.stdout?.destroy();
        child?.stderr?.destroy();
        if ("error" in r) reject(r.error);
        else resolve(r.result);
      };
      const result = (code: number | null, timedOut: boolean): { result: ExecResult } => ({
        result: { exitCode: timedOut ? null : code, timedOut, stdout: out.text(), stderr: err.text(), truncated: out.truncated || err.truncated, durationMs: Date.now() - started },
      });
      let child: ReturnType<typeof spawn> | undefined;
      try {
        // The same line as over ssh, exec'd so `timeout` is the group leader of this detached group:
        // it signals the group at the deadline, and the backstop can kill the group as a whole.
        child = spawn(this.shell, ["-c", `exec ${execCommandLine(command, opts.timeoutMs, opts.marker)}`], { stdio: ["ignore", "pipe", "pipe"], detached: true });
      } catch (e) {
        return settle({ error: new ProbeError(`cannot run ${this.shell}: ${(e as Error).message}`) });
      }
      const c = child;
      c.stdout!.on("data", (d: Buffer) => out.push(d));
      c.stderr!.on("data", (d: Buffer) => err.push(d));
      // Only if `timeout` itself never exits (a stuck host): kill the whole group and report the deadline.
      backstop = setTimeout(() => {
        killGroup(c.pid);
        settle(result(null, true));
      }, opts.timeoutMs + EXEC_BACKSTOP_MS);
      c.on("error", (e) => settle({ error: new ProbeError(`cannot run ${this.shell}: ${e.message}`) }));
      let exit: { code: number | null } | null = null;
      const done = () => settle(result(exit!.code, killedByTimeout(exit!.code, Date.now() - started, opts.timeoutMs)));
      c.on("exit", (code) => {
        exit = { code };
        grace = setTimeout(done, EXEC_EXIT_GRACE_MS); // output still in the pipes; "close" usually comes first
      });
      c.on("close", () => exit && done());
    });
  }

  openChannels(): number {
    return this.running + this.execs.count;
  }

  async close(): Promise<void> {}
}

function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {} // the group is already gone
}
