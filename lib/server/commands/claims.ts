// The "already running" guard, in the store so it holds across restarts and between consoles: one
// CommandRun row per (target, command), inserted before the intent, deleted once the outcome is recorded.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { singleton } from "../registry";
import type { Db } from "../store/prisma";

export interface RunningCommand {
  by: string;
  since: string;
  /** Set when the console that started it was found gone while it still ran on the host. */
  orphanedAt: string | null;
  deadlineAt: string;
}

/** This console process: "<hostname>/<pid>/<uuid>" (the uuid tells a reused pid from us). */
export const consoleOwner = () => singleton("consoleOwner", () => `${os.hostname()}/${process.pid}/${randomUUID()}`);

/** Run ids whose row could not be deleted when the run ended (store down): retried by the reconciler. */
export const unreleased = () => singleton("commandsUnreleased", () => new Set<string>());

const view = (r: { by: string; since: Date; orphanedAt: Date | null; deadlineAt: Date }): RunningCommand => ({
  by: r.by,
  since: r.since.toISOString(),
  orphanedAt: r.orphanedAt?.toISOString() ?? null,
  deadlineAt: r.deadlineAt.toISOString(),
});

export interface Claim {
  targetId: string;
  name: string;
  runId: string;
  by: string;
  deadlineAt: Date;
}

/** Claims the command and returns null, or returns the run that holds it (nothing claimed). Throws when the store is down. */
export async function claimRun(db: Db, c: Claim): Promise<RunningCommand | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { count } = await db.commandRun.createMany({ data: [{ ...c, owner: consoleOwner() }], skipDuplicates: true });
    if (count === 1) return null;
    const holder = await db.commandRun.findUnique({ where: { targetId_name: { targetId: c.targetId, name: c.name } } });
    if (holder) return view(holder);
    // Released between the two statements: claim again.
  }
  throw new Error("the command's run claim kept changing");
}

export async function attachIntent(db: Db, runId: string, intentId: string): Promise<void> {
  await db.commandRun.updateMany({ where: { runId }, data: { intentId: BigInt(intentId) } });
}

/** Releases the claim; when the store is down the reconciler retries it. */
export async function releaseRun(db: Db, runId: string): Promise<void> {
  try {
    await db.commandRun.deleteMany({ where: { runId } });
    unreleased().delete(runId);
  } catch {
    unreleased().add(runId);
  }
}

export async function runningOn(db: Db, targetId: string): Promise<Map<string, RunningCommand>> {
  const rows = await db.commandRun.findMany({ where: { targetId } });
  return new Map(rows.map((r) => [r.name, view(r)]));
}

/** Keeps this console's runs fresh, so other consoles do not take them for orphans. */
export async function heartbeat(db: Db): Promise<void> {
  await db.$executeRaw`UPDATE "CommandRun" SET "heartbeatAt" = now() WHERE "owner" = ${consoleOwner()}`;
}
