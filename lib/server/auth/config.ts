// Session lifetimes, lockout and hashing cost: from the environment (zod), overridable per call (tests).
import { z } from "zod";
import type { Env } from "../config";
import { PRODUCTION_SCRYPT, type ScryptParams } from "./password";

/** Bad TRIAGE_SESSION_* values. Not ../config's ConfigError: importing that module into route handlers
 * makes Turbopack trace the whole project (its readFileSync of a dynamic path). Treat both alike. */
export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface AuthConfig {
  /** A session unused this long is over. TRIAGE_SESSION_IDLE_MINUTES, default 12 h. */
  idleMs: number;
  /** A session is over this long after login, used or not. TRIAGE_SESSION_ABSOLUTE_HOURS, default 7 days. */
  absoluteMs: number;
  /** lastSeenAt / lastUsedAt are written at most this often (at most a quarter of idleMs). */
  touchIntervalMs: number;
  /** maxFailures failed logins within windowMs, per username or per client address, lock that path. */
  lockout: { maxFailures: number; windowMs: number };
  /** Login failures older than this are deleted. */
  failureRetentionMs: number;
  scrypt: ScryptParams;
}

const MINUTE = 60_000;

const envSchema = z.object({
  TRIAGE_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(60 * 24 * 30).default(12 * 60),
  TRIAGE_SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().max(24 * 365).default(7 * 24),
});

export function loadAuthConfig(env: Env = process.env): AuthConfig {
  const r = envSchema.safeParse(env);
  if (!r.success) throw new AuthConfigError(`invalid environment:\n${r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return {
    idleMs: r.data.TRIAGE_SESSION_IDLE_MINUTES * MINUTE,
    absoluteMs: r.data.TRIAGE_SESSION_ABSOLUTE_HOURS * 60 * MINUTE,
    touchIntervalMs: MINUTE,
    lockout: { maxFailures: 5, windowMs: 5 * MINUTE },
    failureRetentionMs: 24 * 60 * MINUTE,
    scrypt: PRODUCTION_SCRYPT,
  };
}

let fromEnv: AuthConfig | undefined;

/** The effective config: the environment's, with per-call overrides. */
export function authConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  const c = { ...(fromEnv ??= loadAuthConfig()), ...overrides };
  return { ...c, touchIntervalMs: Math.min(c.touchIntervalMs, c.idleMs / 4) };
}
