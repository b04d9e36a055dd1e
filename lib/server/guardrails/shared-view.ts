// Every open live view polls the guardrails. Reading them costs queries on the MONITORED database
// (and waits on the action connection that cancels use), so viewers share one read per target per
// couple of seconds instead of causing one each; a change made through the console drops it at once.
import { singleton } from "../registry";
import type { Db } from "../store/prisma";
import { readGuardrails } from "./read";

/** TRIAGE_GUARDRAILS_VIEW_MS (default 2000; 0 reads every time, as the integration tests do). */
const maxAgeMs = () => {
  const v = Number(process.env.TRIAGE_GUARDRAILS_VIEW_MS ?? 2000);
  return Number.isFinite(v) && v >= 0 ? v : 2000;
};

type Read = ReturnType<typeof readGuardrails>;
const cache = () => singleton("guardrailViews", () => new Map<string, { at: number; read: Read }>());

export function sharedGuardrailsView(targetId: string, db: Db): Read {
  const hit = cache().get(targetId);
  if (hit && Date.now() - hit.at < maxAgeMs()) return hit.read;
  const read = readGuardrails(targetId, db);
  cache().set(targetId, { at: Date.now(), read });
  read.catch(() => cache().delete(targetId));
  return read;
}

export function invalidateGuardrailsView(targetId: string): void {
  cache().delete(targetId);
}
