// How the probe reaches a host: over one persistent SSH connection, or straight on this machine.

export interface HostTransport {
  readonly kind: "ssh" | "local";
  /** Runs one fixed script (a constant of probe-script.ts) and resolves with its stdout. */
  run(script: string, deadlineMs: number): Promise<string>;
  /** Channels (ssh) or child processes (local) open right now. */
  openChannels(): number;
  close(): Promise<void>;
}

export class ProbeError extends Error {}

/** A hard ceiling on the number of channels per host: the probe plus one kernel-log read. */
export const MAX_CHANNELS = 2;
