// API tokens: `pgt_<43 random base64url chars>`, shown once; the store keeps their SHA-256 and a
// display prefix. A token acts with its user's current role and stops with the user (disabled) or on revoke.
import { z } from "zod";
import type { Db } from "../store/prisma";
import { authConfig, type AuthConfig } from "./config";
import { UserError } from "./errors";
import { publishRevoked } from "./events";
import { API_TOKEN_DISPLAY_CHARS, API_TOKEN_PREFIX, API_TOKEN_RE, randomSecret, sha256Hex } from "./secrets";
import type { Principal } from "./sessions";

export interface TokenSummary {
  id: string;
  userId: string;
  username: string;
  name: string;
  /** e.g. "pgt_AbCd1234": enough to recognise it, useless to authenticate. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const nameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[^\p{Cc}]*$/u, "must not contain control characters");
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const select = {
  id: true,
  userId: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  user: { select: { username: true } },
} as const;

type Row = { id: string; userId: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; user: { username: string } };
const toSummary = ({ user, ...t }: Row): TokenSummary => ({ ...t, username: user.username });

/** Creates a token for the user. The returned `token` is the only time the secret exists outside the caller. */
export async function createToken(db: Db, userId: string, name: string): Promise<{ token: string; summary: TokenSummary }> {
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) throw new UserError("invalid_name", `token name ${parsed.error.issues[0].message}`);
  const user = UUID_RE.test(userId) ? await db.user.findUnique({ where: { id: userId }, select: { username: true, disabled: true } }) : null;
  if (!user) throw new UserError("unknown_user", `no user with id ${userId}`);
  if (user.disabled) throw new UserError("user_disabled", `user "${user.username}" is disabled`);
  const token = API_TOKEN_PREFIX + randomSecret();
  const row = await db.apiToken.create({
    data: { userId, name: parsed.data, tokenHash: sha256Hex(token), prefix: token.slice(0, API_TOKEN_DISPLAY_CHARS) },
    select,
  });
  return { token, summary: toSummary(row) };
}

/** The principal behind `Authorization: Bearer pgt_...`, or null (unknown, revoked, user disabled). */
export async function authenticateToken(db: Db, token: string | null | undefined, overrides: Partial<AuthConfig> = {}): Promise<Principal | null> {
  if (!token || !API_TOKEN_RE.test(token)) return null;
  const t = await db.apiToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, username: true, role: true, disabled: true } } },
  });
  if (!t || t.revokedAt || t.user.disabled) return null;
  const { touchIntervalMs } = authConfig(overrides);
  const now = Date.now();
  if (!t.lastUsedAt || now - t.lastUsedAt.getTime() >= touchIntervalMs) {
    await db.apiToken.updateMany({
      where: { id: t.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now - touchIntervalMs) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return { userId: t.user.id, username: t.user.username, role: t.user.role, via: "token", tokenId: t.id };
}

/** "Bearer <token>" → the token, else null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return m ? m[1] : null;
}

export async function listTokens(db: Db, filter: { userId?: string; includeRevoked?: boolean } = {}): Promise<TokenSummary[]> {
  const rows = await db.apiToken.findMany({
    where: { ...(filter.userId ? { userId: filter.userId } : {}), ...(filter.includeRevoked === false ? { revokedAt: null } : {}) },
    orderBy: { createdAt: "asc" },
    select,
  });
  return rows.map(toSummary);
}

/** Revokes by id, by display prefix ("pgt_AbCd1234", or the part after "pgt_"), or by the token itself; with `userId`, only that
 * user's tokens (self-service). Errors when nothing or more than one live token matches. */
export async function revokeToken(db: Db, idOrPrefix: string, opts: { userId?: string } = {}): Promise<TokenSummary> {
  const key = idOrPrefix.trim();
  const owner = opts.userId ? { userId: opts.userId } : {};
  let matches: Row[];
  if (UUID_RE.test(key)) {
    matches = await db.apiToken.findMany({ where: { id: key.toLowerCase(), ...owner }, select });
  } else if (API_TOKEN_RE.test(key)) {
    matches = await db.apiToken.findMany({ where: { tokenHash: sha256Hex(key), ...owner }, select });
  } else {
    const prefix = key.startsWith(API_TOKEN_PREFIX) ? key : API_TOKEN_PREFIX + key;
    if (prefix.length < API_TOKEN_PREFIX.length + 4) throw new UserError("unknown_token", `"${key}" is too short to name a token: give its id or its prefix`);
    // Filtered here, not with LIKE: "_" is in the token alphabet and is a LIKE wildcard.
    const live = await db.apiToken.findMany({ where: { revokedAt: null, ...owner }, select });
    matches = live.filter((t) => t.prefix.startsWith(prefix));
  }
  if (matches.length === 0) throw new UserError("unknown_token", `no live token with id or prefix "${key}"`);
  if (matches.length > 1) throw new UserError("ambiguous_token", `"${key}" matches ${matches.length} tokens: give the id`);
  const t = matches[0];
  if (t.revokedAt) return toSummary(t);
  const row = await db.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() }, select });
  await publishRevoked(db, { reason: "token_revoked", userId: t.userId, tokenId: t.id });
  return toSummary(row);
}
