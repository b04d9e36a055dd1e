// Applies pending migrations at start-up, each in its own transaction, and records them in
// _prisma_migrations exactly as Prisma's schema engine does (same DDL, same advisory lock key), so a
// later `prisma migrate deploy` on a connected machine sees the same history and waits on the same lock.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { checksumMatches, MigrationError, readMigrations, type Migration } from "./migrations";

/** Prisma Migrate's advisory lock key (schema-engine, flavour/postgres.rs). */
export const PRISMA_MIGRATE_LOCK = 72707369;

// Copied from Prisma's create_migrations_table (postgres), with IF NOT EXISTS: we hold the lock anyway.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateOptions {
  /** Default: ./prisma/migrations. */
  migrations?: Migration[];
  /** How long to wait for another runner (or `prisma migrate deploy`) holding the lock. Default 60 s. */
  lockTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
}

async function acquireLock(client: pg.Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [PRISMA_MIGRATE_LOCK]);
    if (r.rows[0].ok) return;
    if (Date.now() > deadline) {
      throw new MigrationError(`another process has held the migration lock (pg_advisory_lock ${PRISMA_MIGRATE_LOCK}) for more than ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Checks the recorded history against the files; returns the names already applied. */
function checkHistory(rows: Row[], migrations: Migration[], log: (l: string) => void): Set<string> {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migration_name} was started at ${failed.started_at.toISOString()} and never finished (a failed \`prisma migrate deploy\`?): ` +
        `fix the database by hand, then run \`prisma migrate resolve --rolled-back ${failed.migration_name}\` (or --applied)`,
    );
  }
  const applied = new Set<string>();
  for (const r of rows) {
    if (r.rolled_back_at !== null) continue;
    const local = byName.get(r.migration_name);
    if (!local) {
      log(`migration ${r.migration_name} is recorded in the store but not in prisma/migrations (a newer pg-triage applied it?)`);
      continue;
    }
    if (!checksumMatches(local.sql, r.checksum)) {
      throw new MigrationError(
        `migration ${r.migration_name} was modified after it was applied: its checksum in _prisma_migrations is ${r.checksum.slice(0, 12)}…, ` +
          `the file's is ${local.checksum.slice(0, 12)}…. Restore prisma/migrations/${r.migration_name}/migration.sql and put the change in a new migration.`,
      );
    }
    applied.add(r.migration_name);
  }
  return applied;
}

/** Like Prisma (P3005): tables but no migration history means someone else's database, e.g. the
 * monitored one given as TRIAGE_STORE_URL by mistake. Never create our tables in it. */
async function refuseForeignDatabase(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ history: boolean; tables: string[]; db: string }>(`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS history, current_database() AS db,
           array(SELECT c.relname::text FROM pg_class c
                  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1 LIMIT 5) AS tables`);
  const { history, tables, db } = rows[0];
  if (!history && tables.length > 0) {
    throw new MigrationError(
      `database "${db}" already has tables (${tables.join(", ")}) but no pg-triage migration history: ` +
        "it is not a pg-triage store (the monitored database?). Give the store a database of its own.",
    );
  }
}

async function applyOne(client: pg.Client, m: Migration): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())", [id, m.checksum, m.name]);
    await client.query(m.sql); // simple protocol: the whole multi-statement script, inside our transaction
    await client.query(
      "UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1",
      [id],
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    // Nothing is recorded: the transaction took the script and its history row with it.
    throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(e as Error).message}`);
  }
}

/** Applies every pending migration under Prisma's advisory lock. Idempotent; safe to run concurrently. */
export async function migrate(connectionString: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const migrations = opts.migrations ?? readMigrations();
  const client = new pg.Client({ connectionString, application_name: "pg-triage-migrate" });
  client.on("error", () => {}); // a dropped connection surfaces as the failing query's error
  await client.connect();
  try {
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000);
    await refuseForeignDatabase(client);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<Row>(
      "SELECT id, checksum, migration_name, finished_at, rolled_back_at, started_at FROM _prisma_migrations ORDER BY started_at",
    );
    const done = checkHistory(rows, migrations, log);
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      const t = Date.now();
      await applyOne(client, m);
      log(`applied migration ${m.name} in ${Date.now() - t} ms`);
      applied.push(m.name);
    }
    return { applied, alreadyApplied: [...done] };
  } finally {
    // Closing the session releases the advisory lock too; unlock explicitly for poolers that keep it.
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end().catch(() => {});
  }
}
