import { SESSION_COOKIE } from "../auth/sessions";
import { isHttps } from "./client-info";

/** Secure when TRIAGE_COOKIE_SECURE says so, or when the request came over HTTPS (through a trusted proxy). */
function secure(headers: Headers): boolean {
  const forced = process.env.TRIAGE_COOKIE_SECURE;
  if (forced === "1" || forced === "true") return true;
  if (forced === "0" || forced === "false") return false;
  return isHttps(headers);
}

export function sessionCookie(token: string, expiresAt: Date, headers: Headers): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure(headers) ? "; Secure" : ""}`;
}

export function clearedSessionCookie(headers: Headers): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure(headers) ? "; Secure" : ""}`;
}
