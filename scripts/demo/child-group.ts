// Child processes started in their own process group, so stopping one also stops what it spawned
// (tsx runs a parent and a child; next build runs workers).
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface GroupChild {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) of the direct child. */
  exited: Promise<number | string>;
  /** SIGTERM to the group, SIGKILL after graceMs; resolves when no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
  kill(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/** Stop/kill for a process group: one we spawned, or a leftover from an earlier run. */
export function groupOf(pgid: number): Pick<GroupChild, "stop" | "kill"> {
  return {
    kill: () => signalGroup(pgid, "SIGKILL"),
    async stop(graceMs = 10_000) {
      signalGroup(pgid, "SIGTERM");
      for (let waited = 0; groupAlive(pgid); waited += 100) {
        if (waited >= graceMs) signalGroup(pgid, "SIGKILL");
        if (waited >= graceMs + 5000) throw new Error(`process group ${pgid} does not exit`);
        await sleep(100);
      }
    },
  };
}

export function spawnGroup(command: string, args: string[], opts: SpawnOptions): GroupChild {
  const child = spawn(command, args, { ...opts, detached: true });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    child.once("error", (e) => resolve(e.message));
  });
  const group = child.pid ? groupOf(child.pid) : { kill() {}, async stop() {} };
  return { child, exited, kill: group.kill, stop: group.stop };
}
