// Login and server-side sessions. The cookie carries a random token; the store keeps only its SHA-256
// (the session id), so a leaked store does not leak usable sessions.
import type { Role } from "../../permissions";
import type { Db } from "../store/prisma";
import { authConfig, type AuthConfig } from "./config";
import { AuthError, invalidCredentials } from "./errors";
import { publishRevoked } from "./events";
import { clearFailures, dropAttempt, pruneFailures, reserveAttempt } from "./lockout";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { randomSecret, SESSION_TOKEN_RE, sha256Hex } from "./secrets";

export const SESSION_COOKIE = "triage_session";

export interface Principal {
  userId: string;
  username: string;
  role: Role;
  via: "session" | "token";
  sessionId?: string;
  tokenId?: string;
}

export interface LoginInput {
  username: string;
  password: string;
  /** The address lockout counts against: the socket's, or the trusted proxy's X-Forwarded-For. */
  clientAddr: string;
  userAgent?: string | null;
}

export interface SessionInfo {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  clientAddr: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  /** Goes in the cookie, and nowhere else. */
  token: string;
  session: SessionInfo;
  user: { id: string; username: string; role: Role };
}

const MAX_USERNAME_INPUT = 200;

/** Throws AuthError "locked" (checked before the password), "invalid_credentials" or "disabled". */
export async function login(db: Db, input: LoginInput, overrides: Partial<AuthConfig> = {}): Promise<LoginResult> {
  const cfg = authConfig(overrides);
  const username = String(input.username ?? "").trim().toLowerCase().slice(0, MAX_USERNAME_INPUT);
  const clientAddr = String(input.clientAddr || "unknown").slice(0, 100);
  const attempt = await reserveAttempt(db, username, clientAddr, cfg);
  if (attempt.locked) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    throw new AuthError("locked", `Too many failed logins: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, attempt.retryAfterSeconds);
  }
  const user = username ? await db.user.findUnique({ where: { username } }) : null;
  // Unknown users cost one hash too, so the time taken does not tell which usernames exist.
  const ok = await verifyPassword(String(input.password ?? ""), user?.passwordHash ?? dummyHash(cfg.scrypt));
  if (!user || !ok) {
    await pruneFailures(db, cfg).catch(() => {});
    throw invalidCredentials();
  }
  if (user.disabled) {
    await dropAttempt(db, attempt.failureId);
    throw new AuthError("disabled", "This account is disabled.");
  }
  await clearFailures(db, username);

  const token = randomSecret();
  const now = new Date();
  const session = await db.authSession.create({
    data: {
      id: sha256Hex(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + cfg.absoluteMs),
      clientAddr,
      userAgent: input.userAgent ? String(input.userAgent).slice(0, 512) : null,
    },
    select: { id: true, userId: true, createdAt: true, lastSeenAt: true, expiresAt: true, clientAddr: true, userAgent: true },
  });
  const passwordHash = needsRehash(user.passwordHash, cfg.scrypt) ? await hashPassword(input.password, cfg.scrypt) : undefined;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now, ...(passwordHash ? { passwordHash } : {}) } });
  return { token, session, user: { id: user.id, username: user.username, role: user.role } };
}

/** The principal behind a session cookie, or null when it is unknown, revoked, idle too long, past its
 * absolute expiry, or its user is disabled. Touches lastSeenAt at most once per touchIntervalMs. */
export async function authenticateSession(db: Db, token: string | null | undefined, overrides: Partial<AuthConfig> = {}): Promise<Principal | null> {
  if (!token || !SESSION_TOKEN_RE.test(token)) return null;
  const cfg = authConfig(overrides);
  const id = sha256Hex(token);
  const s = await db.authSession.findUnique({ where: { id }, include: { user: { select: { id: true, username: true, role: true, disabled: true } } } });
  const now = Date.now();
  if (!s || s.revokedAt || s.user.disabled) return null;
  if (s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + cfg.idleMs <= now) return null;
  if (now - s.lastSeenAt.getTime() >= cfg.touchIntervalMs) {
    const threshold = new Date(now - cfg.touchIntervalMs);
    await db.authSession.updateMany({ where: { id, lastSeenAt: { lte: threshold } }, data: { lastSeenAt: new Date(now) } });
  }
  return { userId: s.user.id, username: s.user.username, role: s.user.role, via: "session", sessionId: s.id };
}

/** Ends the session behind a cookie token; a no-op for an unknown token. */
export async function logout(db: Db, token: string | null | undefined): Promise<void> {
  if (!token || !SESSION_TOKEN_RE.test(token)) return;
  const id = sha256Hex(token);
  const s = await db.authSession.findUnique({ where: { id }, select: { userId: true } });
  if (!s) return;
  await db.authSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  await publishRevoked(db, { reason: "logout", userId: s.userId, sessionId: id });
}

/** Revokes one session by id (the admin page). Returns false when there was no live session with that id. */
export async function revokeSession(db: Db, sessionId: string): Promise<boolean> {
  const s = await db.authSession.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true } });
  if (!s || s.revokedAt) return false;
  await db.authSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
  await publishRevoked(db, { reason: "session_revoked", userId: s.userId, sessionId });
  return true;
}

/** Revokes every session of a user ("sign out everywhere"). Returns how many were live. */
export async function revokeUserSessions(db: Db, userId: string): Promise<number> {
  const r = await db.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  await publishRevoked(db, { reason: "user_sessions_revoked", userId });
  return r.count;
}

/** The user's sessions that still authenticate, newest first. */
export async function listUserSessions(db: Db, userId: string, overrides: Partial<AuthConfig> = {}): Promise<SessionInfo[]> {
  const cfg = authConfig(overrides);
  const now = Date.now();
  return db.authSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - cfg.idleMs) } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userId: true, createdAt: true, lastSeenAt: true, expiresAt: true, clientAddr: true, userAgent: true },
  });
}

/** Deletes sessions that can no longer authenticate; call it now and then (e.g. hourly). */
export async function pruneSessions(db: Db, overrides: Partial<AuthConfig> = {}): Promise<number> {
  const cfg = authConfig(overrides);
  const now = Date.now();
  const r = await db.authSession.deleteMany({
    where: { OR: [{ expiresAt: { lte: new Date(now) } }, { lastSeenAt: { lte: new Date(now - cfg.idleMs) } }, { revokedAt: { lte: new Date(now - 86_400_000) } }] },
  });
  return r.count;
}
