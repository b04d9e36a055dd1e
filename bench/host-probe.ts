// `npm run bench:host`: the host probe's round trip over ssh (a real sshd on loopback, one persistent
// connection) and local (/bin/sh), p50/p95 over BENCH_HOST_PROBES (100) probes, with
// BENCH_HOST_BACKENDS (100) idle backends on a throwaway cluster so the process list has postgres in it.
import type pg from "pg";
import { HostMonitor } from "../lib/server/host/host-monitor";
import { LocalTransport } from "../lib/server/host/local";
import { SshTransport } from "../lib/server/host/ssh";
import type { HostTransport } from "../lib/server/host/transport";
import { startCluster } from "../lib/server/local-cluster";
import { startSshd } from "../test/fixtures/sshd";
import { openClient } from "./backends";
import { cleanupAll, installSignalHandlers, onCleanup } from "./cleanup";
import { fmtMs, pct, table } from "./table";

const PROBES = Number(process.env.BENCH_HOST_PROBES ?? 100);
const BACKENDS = Number(process.env.BENCH_HOST_BACKENDS ?? 100);

async function measure(name: string, transport: HostTransport) {
  const m = new HostMonitor(transport, { pollMs: 1000 });
  await m.probeOnce(); // connect + first kernel-log read, not part of the round trip
  const ms: number[] = [];
  let processes = 0;
  for (let i = 0; i < PROBES; i++) {
    const t0 = performance.now();
    const h = await m.probeOnce();
    ms.push(performance.now() - t0);
    processes = h.processes.length;
  }
  await transport.close();
  return [name, fmtMs(pct(ms, 50)), fmtMs(pct(ms, 95)), fmtMs(Math.max(...ms)), processes];
}

async function main() {
  installSignalHandlers();
  const [cluster, sshd] = await Promise.all([startCluster({ kind: "embedded-18", settings: { max_connections: BACKENDS + 20 } }), startSshd()]);
  onCleanup("cluster", () => cluster.destroy());
  onCleanup("sshd", () => sshd.destroy());
  const clients: pg.Client[] = [];
  for (let i = 0; i < BACKENDS; i++) clients.push(await openClient(cluster.url, `bench-host-${i}`));
  onCleanup("clients", () => Promise.all(clients.map((c) => c.end().catch(() => {}))).then(() => {}));
  const rows = [
    await measure(`ssh (user ${sshd.username})`, new SshTransport({ host: sshd.host, port: sshd.port, username: sshd.username, privateKeyPath: sshd.privateKeyPath, hostKey: sshd.hostKey })),
    await measure(`local (uid ${process.getuid?.()})`, new LocalTransport()),
  ];
  const [l1, l5] = (await import("node:os")).loadavg();
  console.log(
    table(`Host probe round trip (${PROBES} probes, ${BACKENDS} idle backends)`, ["transport", "p50 ms", "p95 ms", "max ms", "processes"], rows, [
      `load average ${l1.toFixed(2)} / ${l5.toFixed(2)}; the probe is one exec of one fixed script, parsed on our side`,
    ]),
  );
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
