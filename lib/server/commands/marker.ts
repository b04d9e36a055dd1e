// A run's marker in its command line on the host, and whether a process carrying it still runs there.
import type { HostTransport } from "../host/transport";

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The shell's $0 of the run: `ps` shows it in the command line of `timeout` and of the shell. */
export const runMarker = (runId: string) => `pg-triage-run=${runId}`;

export type ProcessState = { state: "running"; pids: number[] } | { state: "gone" } | { state: "unknown"; why: string };

/** Looks for the marker in `ps` on the host. The run id comes from the store: only a uuid reaches the shell. */
export async function runProcessState(transport: HostTransport | null | undefined, runId: string): Promise<ProcessState> {
  if (!transport) return { state: "unknown", why: "the target has no host configured any more" };
  if (!RUN_ID.test(runId)) return { state: "unknown", why: "the run id is not a uuid" };
  // "ru[n]": the pattern does not match the grep (or the shell around it) itself.
  const marker = runMarker(runId).replace("run=", "ru[n]=");
  try {
    const r = await transport.exec(`ps -eo pid=,args= | grep -e '${marker}'`, { timeoutMs: 10_000 });
    if (r.exitCode === 1 && !r.stdout.trim()) return { state: "gone" };
    if (r.exitCode === 0) return { state: "running", pids: r.stdout.split("\n").map((l) => parseInt(l, 10)).filter((n) => n > 0) };
    return { state: "unknown", why: `ps on the host: ${r.timedOut ? "timed out" : `exit ${r.exitCode}`}` };
  } catch (e) {
    return { state: "unknown", why: `the host: ${(e as Error).message}` };
  }
}
