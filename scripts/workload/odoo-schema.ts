// A few tables shaped like Odoo's (same names and the columns the workload touches), filled with
// generate_series so a report over the order lines spills to temp files under a small work_mem.

export interface OdooDataSize {
  partners: number;
  orders: number;
  orderLines: number;
  moveLines: number;
}

export const DEFAULT_SIZE: OdooDataSize = { partners: 20_000, orders: 50_000, orderLines: 200_000, moveLines: 200_000 };

/** Bump when the DDL or the data change: a data dir built by an older demo is then rebuilt. */
export const SCHEMA_VERSION = 1;

export const MARKER_KEY = "pg_triage.demo_schema";

export function schemaMarker(size: OdooDataSize): string {
  return `v${SCHEMA_VERSION}:${size.partners}:${size.orders}:${size.orderLines}:${size.moveLines}`;
}

function int(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000) throw new Error(`${what} must be an integer between 1 and 50,000,000`);
  return n;
}

/** Drops and recreates the tables, then fills them: run in one transaction, as the owner role. */
export function buildSchemaSql(size: OdooDataSize): string {
  const partners = int(size.partners, "partners");
  const orders = int(size.orders, "orders");
  const lines = int(size.orderLines, "orderLines");
  const moves = int(size.moveLines, "moveLines");
  return `
DROP TABLE IF EXISTS account_move_line, sale_order_line, sale_order, res_partner, ir_cron, ir_config_parameter CASCADE;

CREATE TABLE ir_config_parameter (
  id serial PRIMARY KEY, key varchar NOT NULL UNIQUE, value text NOT NULL,
  create_date timestamp DEFAULT now(), write_date timestamp DEFAULT now());

CREATE TABLE res_partner (
  id serial PRIMARY KEY, name varchar NOT NULL, display_name varchar, email varchar, phone varchar,
  is_company boolean NOT NULL DEFAULT false, active boolean NOT NULL DEFAULT true,
  customer_rank integer NOT NULL DEFAULT 0, company_id integer, create_date timestamp, write_date timestamp);
INSERT INTO res_partner (name, display_name, email, phone, is_company, company_id, create_date, write_date)
SELECT 'Partner ' || g, 'Partner ' || g, 'partner' || g || '@example.com', '+32 2 ' || lpad((g * 37 % 1000000)::text, 6, '0'),
       g % 7 = 0, 1, now() - (g % 1000) * interval '1 day', now()
FROM generate_series(1, ${partners}) g;

CREATE TABLE sale_order (
  id serial PRIMARY KEY, name varchar NOT NULL, partner_id integer NOT NULL REFERENCES res_partner(id),
  date_order timestamp NOT NULL, state varchar NOT NULL, user_id integer, company_id integer,
  amount_untaxed numeric(14,2), amount_tax numeric(14,2), amount_total numeric(14,2),
  create_date timestamp, write_date timestamp);
INSERT INTO sale_order (name, partner_id, date_order, state, user_id, company_id, amount_untaxed, amount_tax, amount_total, create_date, write_date)
SELECT 'S' || lpad(g::text, 6, '0'), 1 + (g * 7919) % ${partners}, now() - (g % 730) * interval '1 day',
       (ARRAY['draft','sent','sale','done','cancel'])[1 + g % 5], 2 + g % 12, 1,
       (g % 5000) + 0.5, ((g % 5000) + 0.5) * 0.21, ((g % 5000) + 0.5) * 1.21,
       now() - (g % 730) * interval '1 day', now()
FROM generate_series(1, ${orders}) g;
CREATE INDEX sale_order_partner_id_index ON sale_order (partner_id);
CREATE INDEX sale_order_date_order_index ON sale_order (date_order);

CREATE TABLE sale_order_line (
  id serial PRIMARY KEY, order_id integer NOT NULL REFERENCES sale_order(id) ON DELETE CASCADE,
  product_id integer NOT NULL, name text NOT NULL, product_uom_qty numeric(14,3), price_unit numeric(14,2),
  discount numeric(5,2), price_subtotal numeric(14,2), state varchar, create_date timestamp, write_date timestamp);
INSERT INTO sale_order_line (order_id, product_id, name, product_uom_qty, price_unit, discount, price_subtotal, state, create_date, write_date)
SELECT 1 + g % ${orders}, 1 + (g * 31) % 2000, '[P' || (1 + (g * 31) % 2000) || '] Product ' || md5(g::text),
       1 + g % 9, 10 + g % 490, (g % 4) * 5, (1 + g % 9) * (10 + g % 490) * (1 - (g % 4) * 0.05), 'sale',
       now() - (g % 730) * interval '1 day', now()
FROM generate_series(1, ${lines}) g;
CREATE INDEX sale_order_line_order_id_index ON sale_order_line (order_id);

CREATE TABLE account_move_line (
  id serial PRIMARY KEY, move_id integer NOT NULL, account_id integer NOT NULL, partner_id integer REFERENCES res_partner(id),
  name varchar, ref varchar, debit numeric(14,2) NOT NULL DEFAULT 0, credit numeric(14,2) NOT NULL DEFAULT 0,
  balance numeric(14,2) NOT NULL DEFAULT 0, date date NOT NULL, reconciled boolean NOT NULL DEFAULT false, create_date timestamp);
INSERT INTO account_move_line (move_id, account_id, partner_id, name, ref, debit, credit, balance, date, reconciled, create_date)
SELECT 1 + g / 3, 400000 + (g % 40) * 10, 1 + (g::bigint * 104729) % ${partners}, 'INV/' || (1 + g / 3), md5(g::text),
       CASE WHEN g % 2 = 0 THEN g % 3000 ELSE 0 END, CASE WHEN g % 2 = 1 THEN g % 3000 ELSE 0 END,
       CASE WHEN g % 2 = 0 THEN g % 3000 ELSE -(g % 3000) END, (now() - (g % 730) * interval '1 day')::date, g % 3 = 0, now()
FROM generate_series(1, ${moves}) g;
CREATE INDEX account_move_line_partner_id_index ON account_move_line (partner_id);

CREATE TABLE ir_cron (
  id serial PRIMARY KEY, cron_name varchar NOT NULL, active boolean NOT NULL DEFAULT true,
  nextcall timestamp NOT NULL DEFAULT now(), lastcall timestamp, interval_number integer NOT NULL DEFAULT 1,
  interval_type varchar NOT NULL DEFAULT 'months', numbercall integer NOT NULL DEFAULT -1, priority integer NOT NULL DEFAULT 5, code text);
INSERT INTO ir_cron (cron_name, active, interval_number, interval_type, priority, code) VALUES
  ('Mail: Email Queue Manager', true, 1, 'minutes', 5, 'model.process_email_queue()'),
  ('Sales: Recompute customer rank', true, 2, 'minutes', 5, 'model._compute_customer_rank()'),
  ('Accounting: Reconcile journal items', true, 3, 'minutes', 10, 'model._cron_reconcile()'),
  ('Base: Auto-vacuum internal data', true, 1, 'days', 5, 'model.power_on()'),
  ('Inventory: Run scheduler', false, 1, 'days', 5, 'model.run_scheduler()');
`;
}
