import { startDemoTarget } from "./scripts/demo/target";
import { prepareOdooDatabase } from "./scripts/workload/prepare-odoo-database";
async function main() {
  let t = Date.now();
  const c = await startDemoTarget({ dataDir: "/tmp/scratch-demo-target", port: 55499, log: console.log });
  console.log("cluster", Date.now() - t, c.url);
  t = Date.now();
  const p = await prepareOdooDatabase(c.url, { log: console.log });
  console.log("prepare", p);
  if (process.argv[2] !== "keep") await c.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
