// What PostgreSQL holds at one scope (role, or role in database), and the batch ALTER that changes it.
import type { ActionConnection } from "../actions/action-connection";
import { alterRoleBatchSql, roleScopeSql, type RoleSettingChange } from "../pg/sql";
import { configValue } from "./values";

/** Short enough that a held catalog lock fails the request well inside the action connection's statement_timeout. */
export const ALTER_LOCK_TIMEOUT_MS = 2000;

export interface ScopeState {
  roleExists: boolean;
  roleSuperuser: boolean;
  databaseExists: boolean;
  setconfig: string[] | null;
  /** pg_roles.rolconnlimit (-1: no limit); null when the role does not exist. */
  connectionLimit: number | null;
}

export async function readScope(conn: ActionConnection, role: string, database: string | null): Promise<ScopeState> {
  const r = await conn.read<{ role_exists: boolean; role_superuser: boolean | null; connection_limit: number | null; database_exists: boolean; setconfig: string[] | null }>(roleScopeSql(), [role, database]);
  const row = r.rows[0];
  return { roleExists: row.role_exists, roleSuperuser: !!row.role_superuser, databaseExists: row.database_exists, setconfig: row.setconfig, connectionLimit: row.connection_limit };
}

/** What PostgreSQL holds at that scope: the setconfig text, or the role's CONNECTION LIMIT as text ("-1": none). */
export const currentValue = (s: ScopeState, setting: string) =>
  setting === "connection_limit" ? (s.connectionLimit === null ? null : String(s.connectionLimit)) : configValue(s.setconfig, setting);

export function batchSql(changes: RoleSettingChange[]): string {
  return alterRoleBatchSql(changes, ALTER_LOCK_TIMEOUT_MS);
}

/** Runs the batch (one implicit transaction) and returns the target's clock after the ALTERs. */
export async function runBatch(conn: ActionConnection, sql: string): Promise<string> {
  const res = (await conn.query(sql, [])) as unknown;
  const results = (Array.isArray(res) ? res : [res]) as { rows: { applied_at?: string }[] }[];
  const at = results[results.length - 1]?.rows[0]?.applied_at;
  if (!at) throw new Error("the ALTER ROLE batch returned no clock");
  return at;
}

export const scopeLabel = (role: string, database: string | null) => (database === null ? `role ${JSON.stringify(role)}` : `role ${JSON.stringify(role)} in database ${JSON.stringify(database)}`);
