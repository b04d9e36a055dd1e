// Everything the benchmark starts registers its own undo here; it runs in reverse order on normal
// exit, on error and on Ctrl-C / SIGTERM. Child processes are also killed synchronously on 'exit'.
import type { ChildProcess } from "node:child_process";

type Task = { name: string; run: () => Promise<void> | void };
const tasks: Task[] = [];
const children = new Set<ChildProcess>();

export function onCleanup(name: string, run: () => Promise<void> | void): () => void {
  const task = { name, run };
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}

/** Kills a child (and its process group when it was spawned detached) by its own pid. */
export function killChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // its group: `script` + pg_activity, or the server
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Tracks a child so that it dies with the benchmark; returns a stop() that waits for its exit. */
export function trackChild(child: ChildProcess, name: string): () => Promise<void> {
  children.add(child);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      killChild(child, "SIGTERM");
      const timer = setTimeout(() => killChild(child, "SIGKILL"), 6000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
    remove();
  };
  const remove = onCleanup(name, stop);
  child.once("exit", () => children.delete(child));
  return stop;
}

let cleaning: Promise<void> | null = null;

export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      try {
        await Promise.race([Promise.resolve(task.run()), new Promise((r) => setTimeout(r, 20_000))]);
      } catch (e) {
        console.error(`cleanup ${task.name}: ${(e as Error).message}`);
      }
    }
  })();
  return cleaning;
}

export function installSignalHandlers(): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(1);
    console.error(`\nbench: ${signal}, cleaning up (clusters, child processes)...`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", () => {
    for (const c of children) killChild(c, "SIGKILL");
  });
}
