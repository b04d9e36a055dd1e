// Per process: each command's last run (seeded once per target from the audit trail, so it survives a
// restart of the console). Which commands run now is in the store (claims.ts). On globalThis: Next bundles its own modules.
import type { CommandLastRun } from "../../commands";
import { listAuditEntries } from "../audit/query";
import { singleton } from "../registry";
import type { Db } from "../store/prisma";
import { lastRunOf } from "./audit-text";

/** Outcome rows read back when seeding: older runs than this many rows ago show as "never". */
const SEED_ROWS = 500;

const lastRuns = () => singleton("commandsLastRun", () => ({ runs: new Map<string, CommandLastRun>(), seeded: new Map<string, Promise<void>>() }));
const key = (targetId: string, name: string) => `${targetId}\u0000${name}`;

export function recordLastRun(targetId: string, name: string, run: CommandLastRun): void {
  lastRuns().runs.set(key(targetId, name), run);
}

/** Reads the newest runs of the target's commands from the audit trail once; a failed read is retried next time. */
function seed(db: Db, targetId: string): Promise<void> {
  const state = lastRuns();
  let p = state.seeded.get(targetId);
  if (!p) {
    p = listAuditEntries(db, { target: targetId, action: "command.run", phase: "outcome" }, { limit: SEED_ROWS }).then((page) => {
      for (const e of page.entries) {
        const r = lastRunOf(e);
        // Newest first; a run recorded in memory meanwhile is newer than anything read here.
        if (r && !state.runs.has(key(targetId, r.name))) state.runs.set(key(targetId, r.name), r.run);
      }
    });
    p.catch(() => state.seeded.delete(targetId));
    state.seeded.set(targetId, p);
  }
  return p;
}

/** The last run of each named command (only those since this process started when the trail cannot be read). */
export async function lastRunsOf(db: Db, targetId: string, names: string[]): Promise<Map<string, CommandLastRun | undefined>> {
  await seed(db, targetId).catch(() => {});
  return new Map(names.map((n) => [n, lastRuns().runs.get(key(targetId, n))]));
}
