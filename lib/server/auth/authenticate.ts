// One entry point for routes and the socket handshake: a bearer token or the session cookie → Principal.
import { can, deniedReason, type Permission } from "../../permissions";
import type { Db } from "../store/prisma";
import { authenticateToken, bearerToken } from "./api-tokens";
import type { AuthConfig } from "./config";
import { authenticateSession, type Principal } from "./sessions";

export interface Credentials {
  /** The session cookie's value. */
  sessionToken?: string | null;
  /** The Authorization header. */
  authorization?: string | null;
}

/** An Authorization header decides alone (no fallback to the cookie), so `via` says which check the
 * caller must add: cookie-authenticated mutations need the same-origin check, token ones do not. */
export async function authenticate(db: Db, creds: Credentials, overrides: Partial<AuthConfig> = {}): Promise<Principal | null> {
  if (creds.authorization) return authenticateToken(db, bearerToken(creds.authorization), overrides);
  return authenticateSession(db, creds.sessionToken, overrides);
}

export class ForbiddenError extends Error {
  readonly code = "forbidden";
  constructor(
    readonly permission: Permission,
    message: string,
  ) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Throws ForbiddenError (→ 403) naming the role the action needs. */
export function assertCan(principal: Pick<Principal, "role">, permission: Permission): void {
  if (!can(principal.role, permission)) throw new ForbiddenError(permission, `${deniedReason(principal.role, permission)}: ${permission} is not allowed.`);
}
