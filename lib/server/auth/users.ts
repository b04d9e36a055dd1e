// Users: add, change password / role, disable / enable, list; and the first admin from the environment.
import { z } from "zod";
import { roles, type Role } from "../../permissions";
import type { Db } from "../store/prisma";
import { authConfig, type AuthConfig } from "./config";
import { isUniqueViolation, UserError } from "./errors";
import { publishRevoked } from "./events";
import { hashPassword } from "./password";

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "must be 1-63 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
export const passwordSchema = z
  .string()
  .min(8, "must be at least 8 characters")
  .refine((p) => Buffer.byteLength(p) <= 1024, "must be at most 1024 bytes");
export const roleSchema = z.enum(roles, { error: () => `must be one of ${roles.join(", ")}` });

export interface UserSummary {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

const summary = { id: true, username: true, role: true, disabled: true, createdAt: true, lastLoginAt: true } as const;

function parse<T>(schema: z.ZodType<T>, value: unknown, code: "invalid_username" | "invalid_password" | "invalid_role", what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UserError(code, `${what} ${r.error.issues[0].message}`);
  return r.data;
}

export const parseUsername = (v: unknown) => parse(usernameSchema, v, "invalid_username", "username");
export const parseRole = (v: unknown): Role => parse(roleSchema, v, "invalid_role", `role "${String(v)}"`);
export const checkPassword = (v: unknown) => parse(passwordSchema, v, "invalid_password", "password");

export async function findUser(db: Db, username: string): Promise<UserSummary> {
  const name = parseUsername(username);
  const u = await db.user.findUnique({ where: { username: name }, select: summary });
  if (!u) throw new UserError("unknown_user", `no user named "${name}"`);
  return u;
}

export async function addUser(
  db: Db,
  input: { username: string; password: string; role: Role | string },
  cfg: Partial<AuthConfig> = {},
): Promise<UserSummary> {
  const username = parseUsername(input.username);
  const role = parseRole(input.role);
  const passwordHash = await hashPassword(checkPassword(input.password), authConfig(cfg).scrypt);
  try {
    return await db.user.create({ data: { username, passwordHash, role }, select: summary });
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserError("duplicate_username", `a user named "${username}" already exists`);
    throw e;
  }
}

/** Sets a new password and ends the user's sessions (a reset usually follows a leak). Tokens stay. */
export async function setPassword(db: Db, username: string, password: string, cfg: Partial<AuthConfig> = {}): Promise<UserSummary> {
  const user = await findUser(db, username);
  const passwordHash = await hashPassword(checkPassword(password), authConfig(cfg).scrypt);
  const [updated] = await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash }, select: summary }),
    db.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } }),
  ]);
  await publishRevoked(db, { reason: "password_changed", userId: user.id });
  return updated;
}

/** Refuses to leave no enabled admin: nobody could manage users from the console any more. */
async function assertOtherAdmin(db: Db, user: UserSummary, doing: string): Promise<void> {
  if (user.role !== "admin" || user.disabled) return;
  const others = await db.user.count({ where: { role: "admin", disabled: false, id: { not: user.id } } });
  if (others === 0) throw new UserError("last_admin", `cannot ${doing} "${user.username}": it is the only enabled admin (add another admin first)`);
}

export async function setRole(db: Db, username: string, role: Role | string): Promise<UserSummary> {
  const newRole = parseRole(role);
  const user = await findUser(db, username);
  if (user.role === newRole) return user;
  if (newRole !== "admin") await assertOtherAdmin(db, user, `make ${newRole}`);
  const updated = await db.user.update({ where: { id: user.id }, data: { role: newRole }, select: summary });
  await publishRevoked(db, { reason: "role_changed", userId: user.id }); // sockets re-authenticate with the new role
  return updated;
}

/** Disabling ends the user's sessions at once; their API tokens stop working while disabled. */
export async function setDisabled(db: Db, username: string, disabled: boolean): Promise<UserSummary> {
  const user = await findUser(db, username);
  if (user.disabled === disabled) return user;
  if (!disabled) return db.user.update({ where: { id: user.id }, data: { disabled }, select: summary });
  await assertOtherAdmin(db, user, "disable");
  const [updated] = await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { disabled }, select: summary }),
    db.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } }),
  ]);
  await publishRevoked(db, { reason: "user_disabled", userId: user.id });
  return updated;
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  return db.user.findMany({ select: summary, orderBy: { username: "asc" } });
}

/** TRIAGE_ADMIN_PASSWORD: creates `admin` (role admin) when the store has no user at all; else does nothing. */
export async function ensureAdminFromEnv(db: Db, password: string | undefined, cfg: Partial<AuthConfig> = {}): Promise<{ created: boolean }> {
  if (!password) return { created: false };
  if ((await db.user.count()) > 0) return { created: false };
  try {
    checkPassword(password);
  } catch (e) {
    throw new UserError("invalid_password", `TRIAGE_ADMIN_PASSWORD: ${(e as Error).message}`);
  }
  try {
    await addUser(db, { username: "admin", password, role: "admin" }, cfg);
    return { created: true };
  } catch (e) {
    if (e instanceof UserError && e.code === "duplicate_username") return { created: false }; // another console won the race
    throw e;
  }
}
