// The probe on this machine: the same fixed script, /bin/sh -c, no shell interpolation of anything else.
import { execFile, spawn } from "node:child_process";
import { CappedBuffer, execCommandLine, MAX_CHANNELS, MAX_EXEC_CHANNELS, killedByTimeout, ProbeError, type ExecOptions, type ExecResult, type HostTransport } from "./transport";

export class LocalTransport implements HostTransport {
  readonly kind = "local" as const;
  private running = 0;
  private execs = 0;

  run(script: string, deadlineMs: number): Promise<string> {
    if (this.running >= MAX_CHANNELS) return Promise.reject(new ProbeError(`more than ${MAX_CHANNELS} probes at once`));
    this.running++;
    return new Promise<string>((resolve, reject) => {
      execFile("/bin/sh", ["-c", script], { timeout: deadlineMs, killSignal: "SIGKILL", maxBuffer: 16 << 20, encoding: "utf8" }, (err, stdout) => {
        this.running--;
        if (err && (err as { killed?: boolean }).killed) reject(new ProbeError(`probe did not finish within ${deadlineMs} ms`));
        else if (err && !stdout) reject(new ProbeError(`probe failed: ${err.message}`));
        else resolve(stdout); // a non-zero exit with output still carries the sections it read
      });
    });
  }

  exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    if (this.execs >= MAX_EXEC_CHANNELS) return Promise.reject(new ProbeError(`more than ${MAX_EXEC_CHANNELS} commands at once on this host`));
    this.execs++;
    const started = Date.now();
    const cap = opts.maxOutputBytes ?? 256 * 1024;
    return new Promise<ExecResult>((resolve, reject) => {
      const out = new CappedBuffer(cap);
      const err = new CappedBuffer(cap);
      // The same line as over ssh, so `timeout` kills the command's whole process group here too.
      const child = spawn("/bin/sh", ["-c", execCommandLine(command, opts.timeoutMs)], { stdio: ["ignore", "pipe", "pipe"] });
      const backstop = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs + 5000);
      child.stdout.on("data", (d: Buffer) => out.push(d));
      child.stderr.on("data", (d: Buffer) => err.push(d));
      child.on("error", (e) => {
        clearTimeout(backstop);
        this.execs--;
        reject(new ProbeError(`cannot run /bin/sh: ${e.message}`));
      });
      child.on("close", (code, signal) => {
        clearTimeout(backstop);
        this.execs--;
        const timedOut = signal === "SIGKILL" || killedByTimeout(code, Date.now() - started, opts.timeoutMs);
        resolve({ exitCode: timedOut ? null : code, timedOut, stdout: out.text(), stderr: err.text(), truncated: out.truncated || err.truncated, durationMs: Date.now() - started });
      });
    });
  }

  openChannels(): number {
    return this.running + this.execs;
  }

  async close(): Promise<void> {}
}
