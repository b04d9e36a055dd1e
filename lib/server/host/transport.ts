// How the probe reaches a host: over one persistent SSH connection, or straight on this machine.

export interface HostTransport {
  readonly kind: "ssh" | "local";
  /** Runs one fixed script (a constant of probe-script.ts) and resolves with its stdout. */
  run(script: string, deadlineMs: number): Promise<string>;
  /**
   * Runs a command line from the config file (a containment command) or a fixed reader built from
   * config paths, under `timeout` on the host so the whole process group is killed at the deadline.
   * Never rejects for the command's own failure: that is in the result.
   */
  exec(command: string, opts: ExecOptions): Promise<ExecResult>;
  /** Channels (ssh) or child processes (local) open right now. */
  openChannels(): number;
  close(): Promise<void>;
}

export class ProbeError extends Error {}

export interface ExecOptions {
  timeoutMs: number;
  /** stdout and stderr are each cut at this many bytes (default 256 KiB). */
  maxOutputBytes?: number;
  /** A word shown in the command line on the host ($0 of its shell), to find it after a console restart. */
  marker?: string;
}

export interface ExecResult {
  /** null when killed by a signal or cut off by the deadline. */
  exitCode: number | null;
  /** True when the command ran past its timeout and was killed. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** True when stdout or stderr was cut at maxOutputBytes. */
  truncated: boolean;
  durationMs: number;
}

/** At most this many exec channels per host at once, beside the probe's. */
export const MAX_EXEC_CHANNELS = 4;

/** After the command exits, how long to keep reading output still in flight before closing the pipes/channel. */
export const EXEC_EXIT_GRACE_MS = 500;

/** How long past its timeout exec() waits for an exit before giving up on the host (`timeout -k 2` acts first). */
export const EXEC_BACKSTOP_MS = 5000;

/** The exec slots of one host: taken synchronously before any await, each released exactly once. */
export class ExecSlots {
  private used = 0;
  get count(): number {
    return this.used;
  }
  /** Takes a slot and returns its (idempotent) release, or throws when all MAX_EXEC_CHANNELS are taken. */
  take(): () => void {
    if (this.used >= MAX_EXEC_CHANNELS) throw new ProbeError(`more than ${MAX_EXEC_CHANNELS} commands at once on this host`);
    this.used++;
    let held = true;
    return () => {
      if (held) (held = false), this.used--;
    };
  }
}

/** One shell word, whatever the text (single quotes, with ' as '\\''). */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The exact command line run for exec(): `timeout` (coreutils) puts the command in its own process
 * group and signals the group, TERM at the timeout and KILL 2 s later; 124/137 mean it was killed.
 * A marker becomes the shell's $0, visible in `ps` for as long as `timeout` runs.
 */
export const execCommandLine = (command: string, timeoutMs: number, marker?: string) =>
  `timeout -k 2 ${Math.max(1, Math.ceil(timeoutMs / 1000))} /bin/sh -c ${shellQuote(command)}${marker ? ` ${shellQuote(marker)}` : ""}`;

/** How long past its timeout a command may still run on the host: `timeout -k 2`, and exec's backstop. */
export const EXEC_KILL_GRACE_MS = 2000 + EXEC_BACKSTOP_MS;

/** Exit codes `timeout` uses when it killed the command. */
export const TIMEOUT_EXIT_CODES = new Set([124, 137]);

/** `timeout` killed it: one of its codes AND the deadline had passed (a command may exit 124 by itself). */
export const killedByTimeout = (code: number | null, elapsedMs: number, timeoutMs: number) =>
  code !== null && TIMEOUT_EXIT_CODES.has(code) && elapsedMs >= timeoutMs - 50;

/** Collects a stream's bytes up to a cap, remembering whether anything was cut. */
export class CappedBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly cap: number) {}
  push(b: Buffer) {
    const room = this.cap - this.size;
    if (room <= 0) return void (this.truncated = true);
    if (b.length > room) this.truncated = true;
    const part = b.length > room ? b.subarray(0, room) : b;
    this.chunks.push(part);
    this.size += part.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** A hard ceiling on the number of channels per host: the probe plus one kernel-log read. */
export const MAX_CHANNELS = 2;
