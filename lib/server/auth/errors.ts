// Typed failures the routes map to HTTP answers and the CLI to messages; the text is safe to show.
export type AuthErrorCode = "invalid_credentials" | "locked" | "disabled";

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    /** For "locked": when the path unlocks (for a Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

/** One message for an unknown user and a wrong password, so the answer does not reveal which. */
export const invalidCredentials = () => new AuthError("invalid_credentials", "Invalid username or password.");

export type UserErrorCode =
  | "invalid_username"
  | "invalid_password"
  | "invalid_role"
  | "invalid_name"
  | "unknown_user"
  | "duplicate_username"
  | "user_disabled"
  | "last_admin"
  | "unknown_token"
  | "ambiguous_token";

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Prisma's unique-constraint violation, without importing the generated client's runtime classes. */
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";
