// Can the console get in when the application fills every normal connection slot? Facts are read
// once per monitor connection; the verdict (and the exact statements that fix it) is pure.
import type { ConsoleAccess } from "../../snapshot";
import { alterRoleConnectionLimitSql, connectionReserveSql, grantReservedConnectionsSql, loginRolesSql, setReservedConnectionsSql } from "./sql";

/** Connections the console keeps per target: the monitor's and the action connection. */
export const KEPT_CONNECTIONS = 2;
/** What the advice asks for: the kept two plus one spare for short-lived work (log reads, checks). */
export const RECOMMENDED_RESERVE = 3;
const RESERVED_ROLE_SINCE = 160000;
const RESTART = "The setting takes effect after a restart of PostgreSQL (a reload is not enough).";

export interface ReserveFacts {
  serverVersionNum: number;
  role: string;
  superuser: boolean;
  maxConnections: number;
  superuserReserved: number;
  /** reserved_connections; null before PostgreSQL 16. */
  reserved: number | null;
  /** The console's role has the privileges of pg_use_reserved_connections; null before 16. */
  reservedRoleUsable: boolean | null;
  /** Other non-superuser login roles (the application's): their CONNECTION LIMIT (-1: none) and sessions now. */
  appRoles: { role: string; connectionLimit: number; sessions: number }[];
}

interface Queryable {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
}

export async function readReserveFacts(client: Queryable): Promise<ReserveFacts> {
  const [r] = (await client.query(connectionReserveSql())).rows;
  const roles = (await client.query(loginRolesSql())).rows;
  return {
    serverVersionNum: Number(r.server_version_num),
    role: String(r.role),
    superuser: r.superuser === true,
    maxConnections: Number(r.max_connections),
    superuserReserved: Number(r.superuser_reserved),
    reserved: r.reserved === null ? null : Number(r.reserved),
    reservedRoleUsable: r.reserved_role_usable === null ? null : r.reserved_role_usable === true,
    appRoles: roles
      .filter((x) => x.superuser !== true && x.role !== r.role)
      .map((x) => ({ role: String(x.role), connectionLimit: Number(x.connection_limit), sessions: Number(x.sessions) })),
  };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function decideLockout(f: ReserveFacts): ConsoleAccess {
  const reservedBy: string[] = [];
  let reserve = 0;
  if (f.superuser && f.superuserReserved > 0) {
    reserve += f.superuserReserved;
    reservedBy.push("superuser_reserved_connections");
  }
  if ((f.superuser || f.reservedRoleUsable) && (f.reserved ?? 0) > 0) {
    reserve += f.reserved!;
    reservedBy.push("reserved_connections");
  }
  const base = { role: f.role, serverVersionNum: f.serverVersionNum, reserve, reservedBy };
  if (reserve >= KEPT_CONNECTIONS) {
    return { ...base, level: "ok", summary: `${plural(reserve, "reserved slot")} usable by ${f.role} (${reservedBy.join(" + ")})`, statements: [], notes: [] };
  }
  const risk = reserve === 0 ? "could be locked out" : `has only ${plural(reserve, "reserved slot")} for its ${KEPT_CONNECTIONS} connections and could be locked out`;
  const verdict = f.serverVersionNum >= RESERVED_ROLE_SINCE ? sixteenAndLater(f, base, risk) : fifteenAndOlder(f, base, risk);
  if (verdict.level === "warning") verdict.notes.push("Checked when the console connects: the warning goes once it has reconnected (or been restarted) with the fix in place.");
  return verdict;
}

function sixteenAndLater(f: ReserveFacts, base: Omit<ConsoleAccess, "level" | "summary" | "statements" | "notes">, risk: string): ConsoleAccess {
  const statements: string[] = [];
  const notes: string[] = [];
  if (!f.superuser && !f.reservedRoleUsable) statements.push(`${grantReservedConnectionsSql(f.role)};`);
  const reserved = f.reserved ?? 0;
  if (reserved < RECOMMENDED_RESERVE) {
    statements.push(`${setReservedConnectionsSql("reserved_connections", RECOMMENDED_RESERVE)};`);
    notes.push(RESTART);
    if (f.superuserReserved + RECOMMENDED_RESERVE >= f.maxConnections)
      notes.push(`superuser_reserved_connections + reserved_connections must stay below max_connections (${f.maxConnections}), or PostgreSQL will not start.`);
  }
  const lacks = f.superuser || f.reservedRoleUsable ? "" : `${f.role} does not have pg_use_reserved_connections`;
  const why = [`reserved_connections is ${reserved}`, lacks].filter(Boolean).join(" and ");
  notes.push(`Keep ${RECOMMENDED_RESERVE} slots per console: its monitor, its action connection and one spare.`);
  return { ...base, level: "warning", summary: `The console ${risk} when the application fills every normal connection slot: ${why}.`, statements, notes };
}

function fifteenAndOlder(f: ReserveFacts, base: Omit<ConsoleAccess, "level" | "summary" | "statements" | "notes">, risk: string): ConsoleAccess {
  // Before 16 only superusers get reserved slots: headroom comes from capping the application roles instead.
  const normal = f.maxConnections - f.superuserReserved;
  const apps = f.appRoles;
  const share = apps.length ? Math.max(1, Math.floor((normal - RECOMMENDED_RESERVE) / apps.length)) : 0;
  const capped = apps.length > 0 && apps.every((a) => a.connectionLimit >= 0) && apps.reduce((n, a) => n + a.connectionLimit, 0) <= normal - RECOMMENDED_RESERVE;
  const headroom = `PostgreSQL ${Math.floor(f.serverVersionNum / 10000)} reserves slots for superusers only (superuser_reserved_connections = ${f.superuserReserved})`;
  if (f.superuser) {
    const statements = [`${setReservedConnectionsSql("superuser_reserved_connections", RECOMMENDED_RESERVE)};`];
    return { ...base, level: "warning", summary: `The console ${risk} when the application fills every normal connection slot: ${headroom}.`, statements, notes: [RESTART] };
  }
  if (capped) {
    return { ...base, level: "ok", summary: `${headroom}; the application roles' CONNECTION LIMITs leave ${f.role} at least ${RECOMMENDED_RESERVE} of the ${normal} normal slots.`, statements: [], notes: [] };
  }
  const statements = apps.filter((a) => a.connectionLimit < 0 || a.connectionLimit > share).map((a) => `${alterRoleConnectionLimitSql(a.role, null, String(share))};`);
  const notes = [
    `Give the application roles CONNECTION LIMITs that add up to at most ${normal - RECOMMENDED_RESERVE} (max_connections ${f.maxConnections} − superuser_reserved_connections ${f.superuserReserved} − ${RECOMMENDED_RESERVE} for the console); the suggestion splits them evenly, adjust it to each role's real need.`,
    "The console's connection_limit guardrail (Guardrails tab, setting connection_limit) applies it for you and can expire it after the incident; it applies to new connections only.",
    "Superusers ignore CONNECTION LIMIT; from PostgreSQL 16, reserved_connections with pg_use_reserved_connections does this without capping anyone.",
  ];
  if (apps.length === 0) notes.unshift("No other login role was found to cap.");
  return { ...base, level: "warning", summary: `The console ${risk} when the application fills every normal connection slot: ${headroom}, and ${f.role} is not a superuser.`, statements, notes };
}
