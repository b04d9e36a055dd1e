// Parts 2-4 in process: a real TargetMonitor at a 1 s interval and the real hub (attachHub) on a
// bare HTTP server, wired as server.ts wires them (no Next), with viewers in a child process.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { Server } from "socket.io";
import type { TargetConfig } from "../lib/server/config";
import { TargetMonitor } from "../lib/server/monitor/target-monitor";
import { attachHub, type HubServer } from "../lib/server/realtime/hub";
import { onCleanup } from "./cleanup";
import { pollPart, resetStatements, statementsOf, totalCalls, totalMs, triageConnections } from "./pg-stats";
import { ROLES } from "./backends";
import { sleep } from "./table";
import type { Viewers, ViewerSamples } from "./viewers";

export const TARGET_ID = "default";

export interface LiveHub {
  url: string;
  monitor: TargetMonitor;
  /** TargetMonitor's own end-to-end poll time (postgres.pollMs) of every snapshot. */
  pollMs: number[];
  /** Per snapshot, ms from takenAt until the hub's synchronous fan-out returned (encode + 50 writes queued). */
  emitMs: number[];
  /** Per snapshot, ms from takenAt until the last socket's websocket write completed (handed to the kernel). */
  writtenMs: number[];
  close(): Promise<void>;
}

export async function startLiveHub(targetUrl: string, pollMs = 1000): Promise<LiveHub> {
  const target = { id: TARGET_ID, name: TARGET_ID, postgres: { url: targetUrl } } as TargetConfig;
  const monitor = new TargetMonitor(target, { pollMs, consolePids: new Set() });
  const server = http.createServer();
  const io: HubServer = new Server(server, {
    serveClient: false,
  });
  // The hub alone, without the store: every viewer is a logged-in viewer.
  io.use((socket, next) => {
    socket.data.principal = { userId: "bench", username: "bench", role: "viewer", via: "token" };
    next();
  });
  const detach = attachHub(io, new Map([[TARGET_ID, monitor]]));
  const pollTimes: number[] = [];
  const emitMs: number[] = [];
  const writtenMs: number[] = [];
  // Server-side delivery, independent of how fast the viewers' process reads: engine.io's websocket
  // transport is not writable while a frame is in flight and emits "drain" when ws's write callback
  // fires. This listener is registered after attachHub's, so it runs once the broadcast was queued on
  // every socket: the transports busy at that moment carry this snapshot (pings are not counted).
  type Transport = { writable: boolean; on(ev: "drain", f: () => void): void };
  const clients = (io.engine as unknown as { clients: Record<string, { transport: Transport }> }).clients;
  let takenAtMs = 0;
  const pending = new Set<Transport>();
  monitor.on("snapshot", (s) => {
    takenAtMs = Date.parse(s.takenAt);
    emitMs.push(Date.now() - takenAtMs);
    if (s.postgres.pollMs !== null) pollTimes.push(s.postgres.pollMs);
    pending.clear();
    for (const c of Object.values(clients)) if (!c.transport.writable) pending.add(c.transport);
    if (pending.size === 0) writtenMs.push(Date.now() - takenAtMs);
  });
  io.engine.on("connection", (conn: { transport: Transport }) => {
    const t = conn.transport;
    t.on("drain", () => {
      if (pending.delete(t) && pending.size === 0) writtenMs.push(Date.now() - takenAtMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  monitor.start();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    remove();
    detach();
    await monitor.stop();
    io.disconnectSockets(true);
    await new Promise<void>((r) => io.close(() => r()));
  };
  const remove = onCleanup("in-process hub", close);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    monitor,
    pollMs: pollTimes,
    emitMs,
    writtenMs,
    close,
  };
}

export interface WindowResult {
  seconds: number;
  viewers: number;
  ticks: number;
  /** Max over 1 s samples of pg_stat_activity rows with application_name 'pg-triage'. */
  connections: number;
  activityReadsPerTick: number;
  statementsPerTick: number;
  dbMsPerSec: number;
  dbMsPerTick: number;
  samples: ViewerSamples;
}

/** How a window learns about ticks: the in-process monitor's counter and snapshot event. */
export interface TickSource {
  polls(): number;
  /** Resolves just after the monitor's next snapshot: the poll is over, the next one ~1 s away. */
  afterTick(): Promise<void>;
}

export const tickSourceOf = (monitor: TargetMonitor): TickSource => ({
  polls: () => monitor.stats.polls,
  afterTick: () => new Promise((resolve) => monitor.once("snapshot", () => setImmediate(resolve))),
});

/**
 * One measured window: resets pg_stat_statements for the triage role and the viewers' samples,
 * lets the monitor poll for `seconds`, then reads what the database and the viewers saw. With a
 * TickSource the window starts and ends right after a poll, so statements and polls line up; for
 * a server in another process (null) the ticks are the snapshots the first viewer received.
 */
export async function measureWindow(
  admin: pg.Client,
  ticks: TickSource | null,
  viewers: Viewers,
  seconds: number,
  onSecond?: (second: number) => void,
): Promise<WindowResult> {
  await ticks?.afterTick();
  await resetStatements(admin, ROLES.triage);
  const p0 = ticks?.polls() ?? 0;
  await viewers.reset();
  const t0 = performance.now();
  let connections = 0;
  for (let i = 0; i < seconds; i++) {
    await sleep(1000 - ((performance.now() - t0) % 1000));
    connections = Math.max(connections, await triageConnections(admin));
    onSecond?.(i + 1);
  }
  await ticks?.afterTick();
  const stats = await statementsOf(admin, ROLES.triage);
  const p1 = ticks?.polls() ?? 0;
  const elapsed = (performance.now() - t0) / 1000;
  const samples = await viewers.collect();
  const n = ticks ? p1 - p0 : samples.bytes.length;
  const activityCalls = stats.filter((s) => pollPart(s.query) === "activity").reduce((a, s) => a + s.calls, 0);
  const db = totalMs(stats);
  return {
    seconds: elapsed,
    viewers: viewers.total,
    ticks: n,
    connections,
    activityReadsPerTick: n > 0 ? activityCalls / n : NaN,
    statementsPerTick: n > 0 ? totalCalls(stats) / n : NaN,
    dbMsPerSec: db / elapsed,
    dbMsPerTick: n > 0 ? db / n : NaN,
    samples,
  };
}
