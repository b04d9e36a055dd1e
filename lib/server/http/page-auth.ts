// Pages check the session on the server too (the proxy's redirect is only a convenience).
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { ROLE_PERMISSIONS, type Permission, type Role } from "../../permissions";
import { authenticate } from "../auth/authenticate";
import { SESSION_COOKIE } from "../auth/sessions";
import { getPrisma } from "../store/store";

export interface PageUser {
  username: string;
  role: Role;
  permissions: readonly Permission[];
}

/** The logged-in user, or a redirect to /login?next=<path>. A missing permission is a 404, not a hint. */
export async function requirePageUser(nextPath: string, permission?: Permission): Promise<PageUser> {
  const [jar, hdrs] = await Promise.all([cookies(), headers()]);
  const principal = await authenticate(getPrisma(), {
    sessionToken: jar.get(SESSION_COOKIE)?.value ?? null,
    authorization: hdrs.get("authorization"),
  });
  if (!principal) redirect(`/login?next=${encodeURIComponent(nextPath)}`);
  const permissions = ROLE_PERMISSIONS[principal.role];
  if (permission && !permissions.includes(permission)) notFound();
  return { username: principal.username, role: principal.role, permissions };
}

/** For the login page: who is logged in already, if anyone. */
export async function currentPageUser(): Promise<PageUser | null> {
  const jar = await cookies();
  const principal = await authenticate(getPrisma(), { sessionToken: jar.get(SESSION_COOKIE)?.value ?? null });
  return principal ? { username: principal.username, role: principal.role, permissions: ROLE_PERMISSIONS[principal.role] } : null;
}
