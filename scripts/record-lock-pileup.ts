// Records lib/fixtures/snapshot-lock-pileup.json (the triage ranking tests' input) from a real cluster: an
// idle-in-transaction blocker with 5 waiters and a chain behind them, a long query, a sort spilled to
// temp files, an idle transaction and idle sessions, host memory read locally. Run: npx tsx scripts/record-lock-pileup.ts
import fs from "node:fs";
import pg from "pg";
import { startCluster } from "../lib/server/local-cluster";
import { TargetMonitor } from "../lib/server/monitor/target-monitor";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function client(url: string, app: string) { const c = new pg.Client({ connectionString: url, application_name: app }); c.on("error", () => {}); await c.connect(); return c; }
(async () => {
  const cl = await startCluster({ settings: { work_mem: "64kB" } });
  const admin = await client(cl.url, "setup");
  await admin.query("create table sale_order(id int primary key, state text); insert into sale_order select g, 'draft' from generate_series(1,10) g");
  await admin.query("create table big as select g, md5(g::text) m from generate_series(1,300000) g");
  const blocker = await client(cl.url, "odoo-blocker");
  await blocker.query("begin; update sale_order set state='sale' where id=1");
  const waiters = [];
  for (let i = 0; i < 5; i++) { const w = await client(cl.url, `odoo-waiter-${i}`); w.query("update sale_order set state='x' where id=1").catch(() => {}); waiters.push(w); }
  // a second-level waiter: holds a lock on id 2 while waiting on id 1; another waits on id 2
  const mid = await client(cl.url, "odoo-mid"); await mid.query("begin; update sale_order set state='m' where id=2"); mid.query("update sale_order set state='m' where id=1").catch(() => {});
  const deep = await client(cl.url, "odoo-deep"); deep.query("update sale_order set state='d' where id=2").catch(() => {});
  const longq = await client(cl.url, "odoo-report"); longq.query("select pg_sleep(600)").catch(() => {});
  // A sort that spilled, kept on disk by an open cursor: temp files of this pid while it sits in its transaction.
  const spill = await client(cl.url, "odoo-spill"); await spill.query("begin; declare c cursor for select m, g from big order by m desc; fetch 1 from c");
  const idle = await client(cl.url, "odoo-idle-tx"); await idle.query("begin; select 1");
  for (let i = 0; i < 10; i++) await client(cl.url, `odoo-idle-${i}`);
  await sleep(2500);
  const m = new TargetMonitor({ id: "rec", name: "rec", postgres: { url: cl.url }, host: { local: true } } as never, { pollMs: 500, consolePids: new Set() });
  m.start();
  await sleep(4000);
  const snap = m.latest()!;
  fs.writeFileSync("lib/fixtures/snapshot-lock-pileup.json", JSON.stringify(snap, null, 1));
  console.log(snap.postgres.status, snap.postgres.sessions.length, JSON.stringify(snap.postgres.suspects.map((s) => [s.pid, s.reasons.map((r) => r.kind), s.waiterCount])));
  await m.stop();
  await cl.destroy();
  process.exit(0);
})();
