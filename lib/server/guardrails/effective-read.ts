// Reads what resolveEffective() needs from the target: the pg_db_role_setting rows for the role (and
// every role), the server's values, and, when the console's own role settings hide the server value
// in its reset_val, the config file's value (or the built-in default when that cannot be read).
import type { ActionConnection } from "../actions/action-connection";
import { fileSettingsSql, serverSettingsSql, settingLevelsSql } from "../pg/sql";
import { consoleHidesServerValue, resolveEffective, type Resolved, type ServerValue, type SettingRow } from "./effective";
import { formatMagnitude, serverMagnitude, settingMagnitude, type GuardrailSetting } from "./values";

interface ServerRow {
  name: string;
  reset_val: string;
  boot_val: string;
  unit: string | null;
  console_role: string;
  console_database: string;
}

/** The value in force for each setting for new sessions of `role` in `database` (null: the lowest a role-wide change replaces). */
export async function readEffective(conn: ActionConnection, role: string, database: string | null, settings: GuardrailSetting[]): Promise<Map<GuardrailSetting, Resolved>> {
  const names = settings.filter((s) => s !== "connection_limit");
  const out = new Map<GuardrailSetting, Resolved>();
  if (names.length === 0) return out;
  const rows = (await conn.read<SettingRow>(settingLevelsSql(), [role])).rows;
  const server = new Map((await conn.read<ServerRow>(serverSettingsSql(), [names])).rows.map((r) => [r.name, r]));
  let file: Map<string, string> | null | undefined;
  for (const s of names) {
    const r = server.get(s);
    let value: ServerValue = { value: null, magnitude: null };
    if (r && consoleHidesServerValue(rows, r.console_role, r.console_database, s)) {
      file ??= await conn.read<{ name: string; setting: string }>(fileSettingsSql(), [names]).then((x) => new Map(x.rows.map((f) => [f.name, f.setting])), () => null);
      const text = file?.get(s);
      value = text !== undefined ? { value: text, magnitude: settingMagnitude(s, text) } : serverValue(s, r.boot_val, r.unit);
    } else if (r) {
      value = serverValue(s, r.reset_val, r.unit);
    }
    out.set(s, resolveEffective(rows, role, database, s, value));
  }
  return out;
}

/** '4096' 'kB' → '4MB'; '1024' '8kB' (blocks) → '8MB'; unreadable stays as PostgreSQL printed it. */
function serverValue(s: GuardrailSetting, v: string, unit: string | null): ServerValue {
  const magnitude = serverMagnitude(s, v, unit);
  return { value: magnitude === null ? v : formatMagnitude(s, magnitude), magnitude };
}

/** The connection limit in force: rolconnlimit, a role attribute (no levels). */
export function connectionLimitEffective(limit: number | null): Resolved {
  return { value: limit === null ? null : String(limit), level: "role", magnitude: limit === null ? null : limit < 0 ? Infinity : limit };
}
