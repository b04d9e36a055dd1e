import { afterAll, beforeAll, expect, it } from "vitest";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { TargetMonitor } from "../../lib/server/monitor/target-monitor";
import { startFreezableProxy } from "../fixtures/tcp-proxy";
import { nextSnapshot } from "../fixtures/wait";

let cluster: LocalCluster;
let proxy: Awaited<ReturnType<typeof startFreezableProxy>>;
let monitor: TargetMonitor;

beforeAll(async () => {
  cluster = await startCluster();
  proxy = await startFreezableProxy(cluster.port);
});

afterAll(async () => {
  await monitor?.stop();
  await proxy?.close();
  await cluster?.destroy();
});

it("a half-open connection cannot hang the monitor: the deadline marks it down and it reconnects", async () => {
  const url = `postgres://postgres@127.0.0.1:${proxy.port}/postgres`;
  monitor = new TargetMonitor({ id: "p", name: "p", postgres: { url } }, { pollMs: 200, consolePids: new Set() });
  monitor.start();
  await nextSnapshot(monitor, (s) => s.postgres.status === "up", 10_000);
  proxy.freeze();
  const frozenAt = Date.now();
  const down = await nextSnapshot(monitor, (s) => s.postgres.status === "down", 10_000);
  // Deadline is max(3 × poll, 5 s): a frozen socket is given up on after about 5 s, not TCP's minutes.
  expect(Date.now() - frozenAt).toBeLessThan(7000);
  expect(down.postgres.error).toMatch(/did not finish within 5000 ms|timeout|terminated/i);
  proxy.thaw();
  await nextSnapshot(monitor, (s) => s.postgres.status === "up", 10_000);
  expect(monitor.stats.connects).toBeGreaterThanOrEqual(2);
}, 30_000);
