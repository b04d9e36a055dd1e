// Read-prior-then-ALTER must not interleave for one target: a per-target queue, on globalThis so
// server.ts (the expiry timer) and Next's copy of the route handlers share it.
import { singleton } from "../registry";

const queues = () => singleton("guardrailTargetLocks", () => new Map<string, Promise<unknown>>());

export function withTargetLock<T>(targetId: string, fn: () => Promise<T>): Promise<T> {
  const map = queues();
  const prev = map.get(targetId) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => {});
  map.set(targetId, tail);
  void tail.then(() => {
    if (map.get(targetId) === tail) map.delete(targetId);
  });
  return run;
}
