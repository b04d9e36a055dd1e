// Pages check the session on the server too (the proxy's redirect is only a convenience).
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { ROLE_PERMISSIONS, type Permission, type Role } from "../../permissions";
import { authenticate } from "../auth/authenticate";
import { SESSION_COOKIE } from "../auth/sessions";
import type { Principal } from "../auth/sessions";
import { getPrisma } from "../store/store";
import { storeUnavailable } from "../store/supervisor";

export interface PageUser {
  username: string;
  role: Role;
  permissions: readonly Permission[];
}

/** Without the store no session can be checked: the notice page says so (and comes back to nextPath), not a generic error. */
export function redirectStoreUnavailable(nextPath: string): never {
  redirect(`/store-unavailable?next=${encodeURIComponent(nextPath)}`);
}

async function pagePrincipal(nextPath: string, sessionToken: string | null, authorization: string | null): Promise<Principal | null> {
  if (storeUnavailable()) redirectStoreUnavailable(nextPath);
  try {
    return await authenticate(getPrisma(), { sessionToken, authorization });
  } catch (e) {
    console.error("pg-triage: a page could not check the session:", (e as Error).message);
    redirectStoreUnavailable(nextPath); // the background check may not have seen the outage yet
  }
}

/** The logged-in user, or a redirect to /login?next=<path>. A missing permission is a 404, not a hint. */
export async function requirePageUser(nextPath: string, permission?: Permission): Promise<PageUser> {
  const [jar, hdrs] = await Promise.all([cookies(), headers()]);
  const principal = await pagePrincipal(nextPath, jar.get(SESSION_COOKIE)?.value ?? null, hdrs.get("authorization"));
  if (!principal) redirect(`/login?next=${encodeURIComponent(nextPath)}`);
  const permissions = ROLE_PERMISSIONS[principal.role];
  if (permission && !permissions.includes(permission)) notFound();
  return { username: principal.username, role: principal.role, permissions };
}

/** For the layout and the login page: who is logged in already, if anyone (nobody while the store is unavailable). */
export async function currentPageUser(): Promise<PageUser | null> {
  if (storeUnavailable()) return null;
  const jar = await cookies();
  const principal = await authenticate(getPrisma(), { sessionToken: jar.get(SESSION_COOKIE)?.value ?? null }).catch(() => null);
  return principal ? { username: principal.username, role: principal.role, permissions: ROLE_PERMISSIONS[principal.role] } : null;
}
