// The value in force for a (role, database), resolved from pg_db_role_setting rows the way PostgreSQL
// does at login (postinit.c): role in database, then role, then database, then ALTER ROLE ALL, then the
// server's own value. Pure: the rows and the server value are read by effective-read.ts.
import type { EffectiveLevel, EffectiveValue } from "../../guardrails";
export { levelText } from "../../guardrails";
import { configValue, settingMagnitude, type GuardrailSetting } from "./values";

/** One pg_db_role_setting row; role null = every role (setrole 0), database null = every database (setdatabase 0). */
export interface SettingRow {
  role: string | null;
  database: string | null;
  setconfig: string[] | null;
}

/** The server's value (reset_val, or the config file's when the console's own role settings hide it), as text. */
export interface ServerValue {
  value: string | null;
  magnitude: number | null;
}

export interface Resolved extends EffectiveValue {
  /** Comparable amount (kB, ms, multiplier, count; Infinity = no limit); null when unreadable. */
  magnitude: number | null;
}

function at(rows: SettingRow[], role: string | null, database: string | null, setting: GuardrailSetting): string | null {
  const row = rows.find((r) => r.role === role && r.database === database);
  return row ? configValue(row.setconfig, setting) : null;
}

const fromRow = (setting: GuardrailSetting, value: string, level: EffectiveLevel, database?: string | null): Resolved => ({
  value,
  level,
  magnitude: settingMagnitude(setting, value),
  ...(database !== undefined ? { database } : {}),
});

/** Below the role's own levels: the database's (all roles) value, ALTER ROLE ALL, then the server. */
function belowRole(rows: SettingRow[], database: string, setting: GuardrailSetting, server: ServerValue): Resolved {
  const db = at(rows, null, database, setting);
  if (db !== null) return fromRow(setting, db, "database", database);
  const all = at(rows, null, null, setting);
  if (all !== null) return fromRow(setting, all, "all_roles");
  return { value: server.value, level: "server", magnitude: server.magnitude };
}

/**
 * With a database: what a new session of that role in that database gets. Without (a role-wide
 * change): the role-wide value if set, else the LOWEST value the change would replace in any database
 * (a database-level value in one database counts, unless that database has a role-in-database value).
 */
export function resolveEffective(rows: SettingRow[], role: string, database: string | null, setting: GuardrailSetting, server: ServerValue): Resolved {
  if (database !== null) {
    const own = at(rows, role, database, setting);
    if (own !== null) return fromRow(setting, own, "role_in_database");
  }
  const wide = at(rows, role, null, setting);
  if (wide !== null) return fromRow(setting, wide, "role");
  if (database !== null) return belowRole(rows, database, setting, server);
  const all = at(rows, null, null, setting);
  let lowest: Resolved = all !== null ? fromRow(setting, all, "all_roles") : { value: server.value, level: "server", magnitude: server.magnitude };
  for (const r of rows) {
    if (r.role !== null || r.database === null || at(rows, role, r.database, setting) !== null) continue;
    const v = configValue(r.setconfig, setting);
    if (v === null) continue;
    const c = fromRow(setting, v, "database", r.database);
    if (c.magnitude === null || lowest.magnitude === null) return { ...c, magnitude: null };
    if (c.magnitude < lowest.magnitude) lowest = c;
  }
  return lowest;
}

/**
 * Whether the console's own session (its role and database) has a per-role or per-database value for
 * the setting: its pg_settings.reset_val is then that value, not the server's. ALTER ROLE ALL does not
 * count: it outranks the server value for every session anyway.
 */
export function consoleHidesServerValue(rows: SettingRow[], consoleRole: string, consoleDatabase: string, setting: GuardrailSetting): boolean {
  return [at(rows, consoleRole, consoleDatabase, setting), at(rows, consoleRole, null, setting), at(rows, null, consoleDatabase, setting)].some((v) => v !== null);
}
