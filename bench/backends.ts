// The load: a cluster with pg_stat_statements, one role per measured party (so pg_stat_statements
// separates them by userid), N idle Odoo-like client connections plus a handful of active ones
// (sleeping queries, a lock holder idle in transaction and two sessions waiting on its lock).
import pg from "pg";
import type { LocalCluster } from "../lib/server/local-cluster";
import { onCleanup } from "./cleanup";

/** Roles: triage = pg-triage (pg_monitor, as DESIGN recommends), bare = the reference select, pga = pg_activity. */
export const ROLES = { triage: "triage", bare: "bare", pga: "pga", app: "app" } as const;

export async function openClient(url: string, applicationName: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: applicationName });
  c.on("error", () => {}); // terminated at teardown: expected
  await c.connect();
  return c;
}

// What an idle Odoo worker's last statement looks like in pg_stat_activity (realistic payload size).
const ODOO_QUERY = `SELECT "res_partner"."id" FROM "res_partner" WHERE (("res_partner"."active" = true) AND ("res_partner"."company_id" IN (1) OR "res_partner"."company_id" IS NULL)) AND ("res_partner"."name"::text ILIKE '%acme%') ORDER BY "res_partner"."display_name", "res_partner"."id" LIMIT 80`;

export async function prepareCluster(admin: pg.Client, cluster: LocalCluster): Promise<void> {
  await admin.query("create extension if not exists pg_stat_statements");
  await admin.query(`create role ${ROLES.triage} login in role pg_monitor`);
  await admin.query(`create role ${ROLES.bare} login in role pg_monitor`);
  await admin.query(`create role ${ROLES.pga} login superuser`);
  await admin.query(`create role ${ROLES.app} login`);
  await admin.query(`create database odoo owner ${ROLES.app}`);
  const app = await openClient(cluster.urlFor("odoo", ROLES.app), "bench-setup");
  try {
    await app.query(`create table res_partner (id serial primary key, name text, display_name text, active bool default true, company_id int)`);
    await app.query(`insert into res_partner (name, display_name, company_id) select 'p' || g, 'P ' || g, 1 from generate_series(1, 1000) g`);
    await app.query(`create table stock_move (id int primary key, qty numeric)`);
    await app.query(`insert into stock_move values (1, 1), (2, 2)`);
  } finally {
    await app.end();
  }
}

export class Backends {
  readonly idle: pg.Client[] = [];
  readonly active: pg.Client[] = [];

  constructor(private readonly cluster: LocalCluster) {
    onCleanup("backend connections", () => this.close());
  }

  private url() {
    return this.cluster.urlFor("odoo", ROLES.app);
  }

  /** 3 running pg_sleep, 1 lock holder idle in transaction, 2 waiting on that lock. */
  async startActive(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const c = await openClient(this.url(), "bench-active");
      this.active.push(c);
      c.query("select pg_sleep(3600) /* long report */").catch(() => {});
    }
    const holder = await openClient(this.url(), "bench-lock-holder");
    this.active.push(holder);
    await holder.query("begin");
    await holder.query("update stock_move set qty = qty + 1 where id = 1");
    for (let i = 0; i < 2; i++) {
      const c = await openClient(this.url(), "bench-lock-waiter");
      this.active.push(c);
      c.query("update stock_move set qty = qty - 1 where id = 1").catch(() => {});
    }
  }

  /** Opens idle connections (in parallel batches) until there are n; returns the time taken. */
  async ensureIdle(n: number, batch = 100): Promise<number> {
    const t0 = performance.now();
    while (this.idle.length < n) {
      const k = Math.min(batch, n - this.idle.length);
      const opened = await Promise.all(
        Array.from({ length: k }, async () => {
          const c = await openClient(this.url(), "bench-idle");
          await c.query(ODOO_QUERY);
          return c;
        }),
      );
      this.idle.push(...opened);
    }
    return performance.now() - t0;
  }

  async close(): Promise<void> {
    const all = [...this.idle, ...this.active];
    this.idle.length = 0;
    this.active.length = 0;
    await Promise.all(all.map((c) => Promise.race([c.end().catch(() => {}), new Promise((r) => setTimeout(r, 2000))])));
  }
}
