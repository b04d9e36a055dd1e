// Command runs whose console is gone: still running on the host → the claim stays (marked orphaned) and
// blocks a second run; ended → outcome "interrupted" and the claim is released.
import os from "node:os";
import { findRunIntent, readIntent, writeInterrupted } from "../audit/interrupted";
import { getMonitors } from "../monitors";
import type { Db } from "../store/prisma";
import { consoleOwner, unreleased } from "./claims";
import { runProcessState } from "./marker";
import { lastRunOf } from "./audit-text";
import { recordLastRun } from "./state";

/** A run whose owner has not refreshed it for this long is taken for an orphan (other hosts' consoles). */
export const STALE_OWNER_MS = 20_000;

type Row = Awaited<ReturnType<Db["commandRun"]["findMany"]>>[number];

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Its console is gone: on this host, a pid that is dead (or is us, under another uuid); elsewhere, no heartbeat. */
export function ownerGone(owner: string, heartbeatAt: Date, now: Date, me = consoleOwner()): boolean {
  if (owner === me) return false;
  const [host, pid] = owner.split("/");
  const [myHost, myPid] = me.split("/");
  if (host === myHost && host === os.hostname()) {
    if (pid === myPid || !pidAlive(Number(pid))) return true;
  }
  return now.getTime() - heartbeatAt.getTime() > STALE_OWNER_MS;
}

async function settle(db: Db, row: Row, now: Date, log: (line: string) => void): Promise<void> {
  const intentId = row.intentId?.toString() ?? (await findRunIntent(db, row.targetId, row.runId));
  const release = () => db.commandRun.deleteMany({ where: { runId: row.runId } });
  const found = intentId ? await readIntent(db, intentId) : null;
  if (found?.hasOutcome) return void (await release()); // it ended and was recorded; only the release was missed
  if (row.owner === consoleOwner() || !ownerGone(row.owner, row.heartbeatAt, now)) return;
  if (!found) return void (await release()); // claimed, but its console died before the intent: nothing ran

  const p = await runProcessState(getMonitors().get(row.targetId)?.hostMonitor?.transport, row.runId);
  if (p.state === "running") {
    if (!row.orphanedAt) {
      await db.commandRun.updateMany({ where: { runId: row.runId }, data: { orphanedAt: now } });
      log(`commands: ${row.targetId}: ${row.name} (intent ${intentId}) still runs on the host (pid ${p.pids.join(", ")}) though the console that started it is gone; it blocks another run until it ends`);
    }
    return;
  }
  if (p.state === "unknown" && now < row.deadlineAt) return; // cannot tell yet; `timeout` ends it by the deadline
  const at = now.toISOString();
  const message =
    p.state === "unknown"
      ? `the console that ran this stopped while it ran; the host cannot be checked (${p.why}) and its timeout has passed: exit status and output unknown`
      : row.orphanedAt
        ? `the console that ran this stopped while it ran; it ran on without it and had ended by ${at}: exit status and output unknown`
        : `the console that ran this stopped while it ran; it was no longer running on the host at ${at}: exit status and output unknown`;
  const entry = await writeInterrupted(db, found.intent, message);
  await release();
  const last = entry && lastRunOf(entry);
  if (last) recordLastRun(row.targetId, last.name, last.run);
  log(`commands: ${row.targetId}: ${row.name} (intent ${intentId}) recorded as interrupted`);
}

/** One pass over the claimed runs; each run's failure is its own (the next pass retries it). */
export async function reconcileRuns(db: Db, log: (line: string) => void): Promise<void> {
  for (const runId of [...unreleased()]) {
    await db.commandRun.deleteMany({ where: { runId } });
    unreleased().delete(runId);
  }
  const [{ now }] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  for (const row of await db.commandRun.findMany({ orderBy: { since: "asc" } })) {
    await settle(db, row, now, log).catch((e) => log(`commands: ${row.targetId}: ${row.name}: cannot settle its run yet: ${(e as Error).message.split("\n").pop()}`));
  }
}
