// Failed-login lockout, per username and per client address, checked before any password is verified.
// The attempt is recorded first and counted after: each insert commits before its count, so N attempts
// in parallel cannot all see "4 so far" and slip past the limit together.
import type { Db } from "../store/prisma";
import type { AuthConfig } from "./config";

export type Attempt = { locked: false; failureId: string } | { locked: true; retryAfterSeconds: number };

/** When the path unlocks: once enough of the recorded failures have left the window. */
async function retryAfter(db: Db, where: { username: string } | { clientAddr: string }, count: number, cfg: AuthConfig, now: Date): Promise<number> {
  const since = new Date(now.getTime() - cfg.lockout.windowMs);
  const row = await db.loginFailure.findFirst({
    where: { ...where, at: { gt: since } },
    orderBy: { at: "asc" },
    skip: Math.max(0, count - cfg.lockout.maxFailures),
    select: { at: true },
  });
  const unlockAt = (row?.at.getTime() ?? now.getTime()) + cfg.lockout.windowMs;
  return Math.max(1, Math.ceil((unlockAt - now.getTime()) / 1000));
}

/** Records the attempt as a failure (until it succeeds) unless the username or the address is locked. */
export async function reserveAttempt(db: Db, username: string, clientAddr: string, cfg: AuthConfig): Promise<Attempt> {
  const now = new Date();
  const since = new Date(now.getTime() - cfg.lockout.windowMs);
  const row = await db.loginFailure.create({ data: { username, clientAddr, at: now }, select: { id: true } });
  const [byUser, byAddr] = await Promise.all([
    db.loginFailure.count({ where: { username, at: { gt: since } } }),
    db.loginFailure.count({ where: { clientAddr, at: { gt: since } } }),
  ]);
  const max = cfg.lockout.maxFailures;
  if (byUser <= max && byAddr <= max) return { locked: false, failureId: row.id };
  // A refused attempt is not a failure: it must not stretch the lock.
  await db.loginFailure.delete({ where: { id: row.id } });
  const waits = await Promise.all([
    byUser > max ? retryAfter(db, { username }, byUser - 1, cfg, now) : 0,
    byAddr > max ? retryAfter(db, { clientAddr }, byAddr - 1, cfg, now) : 0,
  ]);
  return { locked: true, retryAfterSeconds: Math.max(...waits) };
}

/** The attempt was not a password failure after all (e.g. a disabled account with the right password). */
export async function dropAttempt(db: Db, failureId: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { id: failureId } });
}

/** A successful login clears the username's failures (not the address's: other usernames tried from there still count). */
export async function clearFailures(db: Db, username: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { username } });
}

/** Keeps the table small under a spray of attempts. */
export async function pruneFailures(db: Db, cfg: AuthConfig): Promise<number> {
  const r = await db.loginFailure.deleteMany({ where: { at: { lt: new Date(Date.now() - Math.max(cfg.failureRetentionMs, cfg.lockout.windowMs)) } } });
  return r.count;
}
