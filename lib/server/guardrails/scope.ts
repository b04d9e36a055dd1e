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
}

export async function readScope(conn: ActionConnection, role: string, database: string | null): Promise<ScopeState> {
  const r = await conn.read<{ role_exists: boolean; role_superuser: boolean | null; database_exists: boolean; setconfig: string[] | null }>(roleScopeSql(), [role, database]);
  const row = r.rows[0];
  return { roleExists: row.role_exists, roleSuperuser: !!row.role_superuser, databaseExists: row.database_exists, setconfig: row.setconfig };
}

export const currentValue = (s: ScopeState, setting: string) => configValue(s.setconfig, setting);

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
