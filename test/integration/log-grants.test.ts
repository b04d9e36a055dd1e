// Quiet on the target: a monitoring role without EXECUTE on the log functions is found out once,
// with has_function_privilege (which logs nothing), and then not tried again; the source status
// names the GRANTs, which, run as they are shown, let the next reader in. The proof is the target's
// own log, read back as superuser: no "permission denied" line from the console.
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { pgLogSession, readPgLog } from "../../lib/server/signals/pg-log-reader";
import { TargetSignals } from "../../lib/server/signals/target-signals";
import type { Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";
import { openTestStore } from "../fixtures/test-store";

let cluster: LocalCluster;
let db: Db;
let admin: pg.Client;

beforeAll(async () => {
  cluster = await startCluster({ kind: "embedded-18", settings: { logging_collector: "on" } });
  ({ db } = await openTestStore(cluster));
  admin = await openClient(cluster.url, "grants-admin");
  // Without pg_monitor, as in the report (pg_monitor would grant pg_current_logfile(), not the other two).
  await admin.query("create role triage login");
});

afterAll(async () => {
  await admin?.end().catch(() => {});
  clearStore();
  await db?.$disconnect().catch(() => {});
  await cluster?.destroy();
});

/** The target's log from a marker line on, read as superuser. */
async function logSince(marker: string): Promise<string> {
  const text = (await admin.query("select pg_read_file(pg_current_logfile()) as t")).rows[0].t as string;
  return text.slice(text.lastIndexOf(marker));
}

async function mark(): Promise<string> {
  const marker = `grants-marker-${Date.now()}-${Math.random()}`;
  await admin.query(`do $$ begin raise log '${marker}'; end $$`);
  return marker;
}

const deniedLines = (log: string) => log.split("\n").filter((l) => /permission denied/.test(l));

it("a role without the log grants: several rounds leave no 'permission denied' in the target's log, and the status names the GRANTs", async () => {
  const url = cluster.urlFor("postgres", "triage");
  const r = new TargetSignals({ config: { id: "g", name: "g", postgres: { url } }, host: null, pg: () => pgLogSession(url, new Set()), db: () => db });
  const marker = await mark();
  for (let i = 0; i < 4; i++) await r.readOnce();
  const status = r.sources().find((s) => s.source === "postgres")!;
  expect(status).toMatchObject({
    status: "unreadable",
    error: expect.stringMatching(/^role triage may not execute pg_current_logfile\(\), pg_stat_file\(text, boolean\), pg_read_binary_file\(text, bigint, bigint, boolean\): not read/),
    fix: [
      'GRANT EXECUTE ON FUNCTION pg_catalog.pg_current_logfile() TO "triage";',
      'GRANT EXECUTE ON FUNCTION pg_catalog.pg_stat_file(text, boolean) TO "triage";',
      'GRANT EXECUTE ON FUNCTION pg_catalog.pg_read_binary_file(text, bigint, bigint, boolean) TO "triage";',
    ].join("\n"),
  });
  expect(r.stats.reads).toBe(0);
  expect(deniedLines(await logSince(marker))).toEqual([]);

  // The measure is real: one read as the reader did before the check writes the error into the log.
  const session = pgLogSession(url, new Set());
  expect(await readPgLog(session, null)).toMatchObject({ status: "unreadable" });
  session.close();
  expect(deniedLines(await logSince(marker))).toEqual([expect.stringContaining("permission denied for function pg_current_logfile")]);

  // The GRANTs as shown are enough: a new reader (as after a restart, or the next check) reads the log.
  await admin.query(status.fix!);
  const after = await mark();
  const granted = new TargetSignals({ config: { id: "g2", name: "g2", postgres: { url } }, host: null, pg: () => pgLogSession(url, new Set()), db: () => db });
  await granted.readOnce();
  expect(granted.sources().find((s) => s.source === "postgres")).toMatchObject({ status: "ok", file: expect.stringMatching(/^log\//) });
  expect(deniedLines(await logSince(after))).toEqual([]);
});
