// Who may do what: one typed table, checked on the server in every handler and socket event, and
// read by the UI to disable (with a reason) what the user may not do. Isomorphic: no Node imports.

export const roles = ["viewer", "operator", "admin"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "sessions.read",
  "sessions.cancel",
  "sessions.terminate",
  "sessions.bulk",
  "guardrails.read",
  "guardrails.write",
  "helm.take",
  "audit.read",
  "audit.export",
  "incidents.read",
  "incidents.write",
  "commands.run",
  "users.admin",
  "tokens.self",
] as const;
export type Permission = (typeof permissions)[number];

const VIEWER = ["sessions.read", "guardrails.read", "audit.read", "audit.export", "incidents.read", "tokens.self"] as const satisfies readonly Permission[];
const OPERATOR = [
  ...VIEWER,
  "sessions.cancel",
  "sessions.terminate",
  "sessions.bulk",
  "guardrails.write",
  "helm.take",
  "incidents.write",
  // Each configured command also names its least role (config `commands[].role`, default admin).
  "commands.run",
] as const satisfies readonly Permission[];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  viewer: Object.freeze([...VIEWER]),
  operator: Object.freeze([...OPERATOR]),
  admin: Object.freeze([...permissions]),
});

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (permissions as readonly string[]).includes(value);
}

/** Deny by default: an unknown role (or a role string from an old row) has no permission. */
export function can(role: Role | string | null | undefined, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}

/** The least-privileged role that has the permission, for "operators and admins only" reasons in the UI. */
export function minimumRole(permission: Permission): Role {
  return roles.find((r) => ROLE_PERMISSIONS[r].includes(permission)) ?? "admin";
}

/** A one-line reason a control is disabled, e.g. "Requires the operator role (you are a viewer)". */
export function deniedReason(role: Role | string | null | undefined, permission: Permission): string | null {
  if (can(role, permission)) return null;
  const need = minimumRole(permission);
  return `Requires the ${need} role${isRole(role) ? ` (you are ${role === "admin" || role === "operator" ? "an" : "a"} ${role})` : ""}`;
}
