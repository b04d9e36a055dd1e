// The sessions of a small Odoo deployment, each a SessionSpec for runSession().
import fs from "node:fs";
import type { SessionSpec } from "./session-runner";

export interface DataRange {
  partners: number;
  orders: number;
}

/** sale_order 1 is kept locked by the idle-in-transaction session; web workers leave it alone. */
export const LOCKED_ORDER_ID = 1;

const between = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

/** An HTTP worker: short reads and short write transactions with think time, like Odoo's ORM. */
export function webWorker(role: string, applicationName: string, range: DataRange, thinkMs: [number, number]): SessionSpec {
  return {
    role,
    applicationName,
    restartDelayMs: 1000,
    async run({ query, sleep, stopper }) {
      while (!stopper.stopped) {
        const partner = between(2, range.partners);
        const order = between(LOCKED_ORDER_ID + 1, range.orders);
        switch (between(0, 4)) {
          case 0:
            await query('SELECT id, name, display_name, email, phone, is_company FROM res_partner WHERE id = $1', [partner]);
            break;
          case 1:
            await query("SELECT id, name, date_order, state, amount_total FROM sale_order WHERE partner_id = $1 ORDER BY date_order DESC, id DESC LIMIT 80", [partner]);
            break;
          case 2:
            await query("SELECT id, product_id, name, product_uom_qty, price_unit, price_subtotal FROM sale_order_line WHERE order_id = $1 ORDER BY id", [order]);
            break;
          case 3:
            await query("SELECT count(*) FROM account_move_line WHERE partner_id = $1 AND NOT reconciled", [partner]);
            break;
          default:
            await query("BEGIN");
            await query("UPDATE sale_order SET write_date = now(), amount_total = amount_untaxed + amount_tax WHERE id = $1", [order]);
            await query("UPDATE res_partner SET write_date = now() WHERE id = $1", [partner]);
            await query("COMMIT");
        }
        await sleep(between(thinkMs[0], thinkMs[1]));
      }
    },
  };
}

/** The cron worker: picks a due ir_cron job the way Odoo does (row lock, SKIP LOCKED), runs it, reschedules it. */
export function cronWorker(applicationName: string, range: DataRange, pollMs: number, pausedFile?: string): SessionSpec {
  return {
    role: "cron",
    applicationName,
    restartDelayMs: 5000,
    async run({ query, sleep, stopper }) {
      while (!stopper.stopped) {
        if (pausedFile && fs.existsSync(pausedFile)) {
          await sleep(pollMs); // paused by the demo's "pause-cron" command: due jobs pile up (the backlog grows)
          continue;
        }
        await query("BEGIN");
        const { rows } = await query(
          "SELECT id, cron_name FROM ir_cron WHERE active AND nextcall <= now() ORDER BY priority, nextcall LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED",
        );
        if (rows.length > 0) {
          const from = between(1, Math.max(1, range.partners - 2000));
          await query(
            `UPDATE res_partner p SET customer_rank = s.n, write_date = now()
             FROM (SELECT partner_id, count(*) AS n FROM sale_order WHERE partner_id BETWEEN $1 AND $2 GROUP BY partner_id) s
             WHERE p.id = s.partner_id`,
            [from, from + 2000],
          );
          await query(
            "UPDATE ir_cron SET lastcall = now(), nextcall = now() + (interval_number || ' ' || interval_type)::interval WHERE id = $1",
            [rows[0].id],
          );
        }
        await query("COMMIT");
        await sleep(pollMs);
      }
    },
  };
}

/** A "Sales Analysis" pivot over several years: its sorts and the window spill to temp files under a 1MB work_mem. */
export function reportSession(applicationName: string, opts: { workMem: string; periods: number; pauseMs: number; restartDelayMs: number }): SessionSpec {
  return {
    role: "report",
    applicationName,
    setup: [`SET work_mem = '${opts.workMem.replace(/[^0-9A-Za-z]/g, "")}'`],
    restartDelayMs: opts.restartDelayMs,
    async run({ query, sleep, stopper }) {
      while (!stopper.stopped) {
        await query(
          `SELECT g.*, count(*) OVER () AS groups FROM (
             SELECT o.partner_id, l.product_id, date_trunc('month', o.date_order) + make_interval(months => p.n) AS month,
                    sum(l.price_subtotal * (1 + p.n / 100.0)) AS untaxed, count(*) AS nbr
             FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id CROSS JOIN generate_series(1, $1::int) AS p(n)
             GROUP BY 1, 2, 3) g
           ORDER BY untaxed DESC LIMIT 80`,
          [opts.periods],
        );
        await sleep(opts.pauseMs);
      }
    },
  };
}

/** A worker that began a write and never committed: holds sale_order 1 locked, idle in transaction. */
export function idleInTransaction(applicationName: string, restartDelayMs: number): SessionSpec {
  return {
    role: "idle-in-transaction",
    applicationName,
    restartDelayMs,
    async run({ query, sleep, stopper }) {
      await query("BEGIN");
      await query("UPDATE sale_order SET write_date = now() WHERE id = $1", [LOCKED_ORDER_ID]);
      while (!stopper.stopped) await sleep(60_000);
    },
  };
}

/** A request stuck behind the idle-in-transaction session's row lock (shows as blocked, wait event Lock). */
export function lockWaiter(applicationName: string, retryMs: number): SessionSpec {
  return {
    role: "lock-waiter",
    applicationName,
    restartDelayMs: retryMs,
    async run({ query, sleep, stopper }) {
      while (!stopper.stopped) {
        await query("BEGIN");
        await query("UPDATE sale_order SET state = state, write_date = now() WHERE id = $1", [LOCKED_ORDER_ID]);
        await query("COMMIT");
        await sleep(retryMs);
      }
    },
  };
}

/** A long-running active query, for the runbook's "long-running active queries" check. */
export function longQuery(applicationName: string, seconds: number, restartDelayMs: number): SessionSpec {
  return {
    role: "long-query",
    applicationName,
    restartDelayMs,
    async run({ query, stopper }) {
      while (!stopper.stopped) {
        await query("SELECT count(*) FROM res_partner p, pg_sleep($1::float8) WHERE p.active", [seconds]);
      }
    },
  };
}
