// The probe on this machine: the same fixed script, /bin/sh -c, no shell interpolation of anything else.
import { execFile } from "node:child_process";
import { MAX_CHANNELS, ProbeError, type HostTransport } from "./transport";

export class LocalTransport implements HostTransport {
  readonly kind = "local" as const;
  private running = 0;

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

  openChannels(): number {
    return this.running;
  }

  async close(): Promise<void> {}
}
