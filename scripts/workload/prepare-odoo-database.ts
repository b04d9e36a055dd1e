// Creates (idempotently) the demo's roles, the `odoo` database and its data on a cluster.
import { Client } from "pg";
import { DEFAULT_SIZE, MARKER_KEY, buildSchemaSql, schemaMarker, type OdooDataSize } from "./odoo-schema";

export interface PrepareOptions {
  database?: string; // default "odoo"
  odooRole?: string; // default "odoo": the application role, owner of the database
  odooPassword?: string;
  triageRole?: string; // default "triage": the console's role (pg_monitor + pg_signal_backend)
  triagePassword?: string;
  size?: Partial<OdooDataSize>;
  log?: (line: string) => void;
}

export interface PreparedDatabase {
  /** The application's URL (role odoo, database odoo): give it to startOdooWorkload. */
  odooUrl: string;
  /** The console's URL (role triage, database odoo): give it to the console as TRIAGE_TARGET_URL. */
  triageUrl: string;
  /** True when the tables were (re)built, false when an up-to-date copy was found. */
  built: boolean;
  ms: number;
}

function urlWith(base: string, user: string, password: string, database: string): string {
  const u = new URL(base);
  u.username = user; // the URL setters percent-encode
  u.password = password;
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function connect(url: string, database?: string): Promise<Client> {
  const u = new URL(url);
  if (database) u.pathname = `/${encodeURIComponent(database)}`;
  const c = new Client({ connectionString: u.toString(), application_name: "pg-triage-demo-setup" });
  c.on("error", () => {}); // a dropped setup connection surfaces as the failing query's error instead
  await c.connect();
  return c;
}

/** Runs DDL built by PostgreSQL's own format(): identifiers and literals are quoted server-side. */
async function execFormat(c: Client, template: string, ...args: string[]): Promise<void> {
  const placeholders = args.map((_, i) => `$${i + 1}::text`).join(", ");
  const { rows } = await c.query<{ sql: string }>(`SELECT format('${template}', ${placeholders}) AS sql`, args);
  await c.query(rows[0].sql);
}

async function roleExists(c: Client, role: string): Promise<boolean> {
  return (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
}

async function ensureRoles(c: Client, o: Required<Omit<PrepareOptions, "size" | "log">>): Promise<void> {
  if (!(await roleExists(c, o.odooRole))) await execFormat(c, "CREATE ROLE %I", o.odooRole);
  await execFormat(c, "ALTER ROLE %I WITH LOGIN NOSUPERUSER PASSWORD %L", o.odooRole, o.odooPassword);
  if (!(await roleExists(c, o.triageRole))) await execFormat(c, "CREATE ROLE %I", o.triageRole);
  // CREATEROLE plus ADMIN on odoo lets the console apply ALTER ROLE odoo SET guardrails (PostgreSQL 16+ rules).
  await execFormat(c, "ALTER ROLE %I WITH LOGIN NOSUPERUSER CREATEROLE PASSWORD %L", o.triageRole, o.triagePassword);
  await execFormat(c, "GRANT pg_monitor, pg_signal_backend TO %I", o.triageRole);
  const version = Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
  if (version >= 160000) {
    await execFormat(c, "GRANT %I TO %I WITH ADMIN OPTION, INHERIT FALSE, SET FALSE", o.odooRole, o.triageRole);
  }
}

async function ensureDatabase(c: Client, database: string, owner: string): Promise<void> {
  const exists = (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount === 1;
  if (!exists) await execFormat(c, "CREATE DATABASE %I OWNER %I", database, owner);
  else await execFormat(c, "ALTER DATABASE %I OWNER TO %I", database, owner);
}

async function currentMarker(c: Client): Promise<string | null> {
  const t = await c.query("SELECT to_regclass('ir_config_parameter') IS NOT NULL AS ok");
  if (!t.rows[0].ok) return null;
  const r = await c.query<{ value: string }>("SELECT value FROM ir_config_parameter WHERE key = $1", [MARKER_KEY]);
  return r.rows[0]?.value ?? null;
}

/** Idempotent: roles and database always reconciled; tables rebuilt only when missing or outdated. */
export async function prepareOdooDatabase(superuserUrl: string, opts: PrepareOptions = {}): Promise<PreparedDatabase> {
  const started = Date.now();
  const o = {
    database: opts.database ?? "odoo",
    odooRole: opts.odooRole ?? "odoo",
    odooPassword: opts.odooPassword ?? "odoo-demo",
    triageRole: opts.triageRole ?? "triage",
    triagePassword: opts.triagePassword ?? "triage-demo",
  };
  const size = { ...DEFAULT_SIZE, ...opts.size };
  const log = opts.log ?? (() => {});
  const marker = schemaMarker(size);
  let built = false;

  const admin = await connect(superuserUrl);
  try {
    await ensureRoles(admin, o);
    await ensureDatabase(admin, o.database, o.odooRole);
  } finally {
    await admin.end().catch(() => {});
  }

  const db = await connect(superuserUrl, o.database);
  try {
    await execFormat(db, "SET ROLE %I", o.odooRole); // objects are owned by the application role, as in Odoo
    if ((await currentMarker(db)) !== marker) {
      log(`building Odoo-like tables (${size.orderLines.toLocaleString("en")} order lines) ...`);
      await db.query("BEGIN");
      await db.query(buildSchemaSql(size));
      await db.query("INSERT INTO ir_config_parameter (key, value) VALUES ($1, $2)", [MARKER_KEY, marker]);
      await db.query("COMMIT");
      await db.query("VACUUM ANALYZE res_partner, sale_order, sale_order_line, account_move_line, ir_cron, ir_config_parameter");
      built = true;
    }
    // The verification panel counts overdue cron jobs: the console's role may read ir_cron, nothing else.
    await execFormat(db, "GRANT SELECT ON ir_cron TO %I", o.triageRole);
  } catch (e) {
    await db.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await db.end().catch(() => {});
  }

  return {
    odooUrl: urlWith(superuserUrl, o.odooRole, o.odooPassword, o.database),
    triageUrl: urlWith(superuserUrl, o.triageRole, o.triagePassword, o.database),
    built,
    ms: Date.now() - started,
  };
}
