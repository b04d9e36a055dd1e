// Random bearer secrets and their stored form: only a SHA-256 of a 256-bit random value is kept,
// which is enough (no salt or slow hash needed: the input is not guessable, unlike a password).
import { createHash, randomBytes } from "node:crypto";

export const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** 32 random bytes, base64url: 43 characters. */
export const randomSecret = () => randomBytes(32).toString("base64url");

export const SESSION_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
export const API_TOKEN_PREFIX = "pgt_";
export const API_TOKEN_RE = /^pgt_[A-Za-z0-9_-]{43}$/;
/** What is kept in clear for display and `token revoke <prefix>`: "pgt_" and 8 of the 43 random characters. */
export const API_TOKEN_DISPLAY_CHARS = 12;
