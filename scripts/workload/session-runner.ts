// Keeps one simulated Odoo session alive: connect, run the role, and after a cancel (57014), a
// terminate (57P01) or a database restart, come back after a backoff, until the workload stops.
import { Client } from "pg";
import { backoffMs, classifyPgError, errorCode, type FailureKind } from "./pg-errors";
import type { Stopper } from "./stopper";

export interface SessionStats {
  role: string;
  applicationName: string;
  pid: number | null;
  connected: boolean;
  connects: number;
  queries: number;
  failures: Record<FailureKind, number>;
  lastError: string | null;
}

export interface SessionContext {
  /** Runs one statement on the session's connection and counts it. */
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Waits, but rejects as soon as the connection is lost (a terminated idle session is noticed at once). */
  sleep(ms: number): Promise<void>;
  readonly stopper: Stopper;
}

export interface SessionSpec {
  role: string;
  applicationName: string;
  /** Statements run after each connect (e.g. SET work_mem). */
  setup?: string[];
  /** Loops until ctx.stopper.stopped; throws when the session fails. */
  run(ctx: SessionContext): Promise<void>;
  /** Wait after a cancel or terminate before running again (so the console shows the effect). */
  restartDelayMs?: number;
  /** Told of every failure, e.g. to write the Odoo log line it would cause. */
  onFailure?: (kind: FailureKind, message: string, pid: number | null) => void;
}

export interface RunningSession {
  stats: SessionStats;
  /** The connected backend's pid, for a clean stop. */
  pid(): number | null;
  done: Promise<void>;
}

async function endQuietly(c: Client | null): Promise<void> {
  if (c) await c.end().catch(() => {});
}

export function runSession(url: string, spec: SessionSpec, stopper: Stopper): RunningSession {
  const stats: SessionStats = {
    role: spec.role,
    applicationName: spec.applicationName,
    pid: null,
    connected: false,
    connects: 0,
    queries: 0,
    failures: { cancelled: 0, terminated: 0, connection: 0, other: 0 },
    lastError: null,
  };

  async function connect(): Promise<{ client: Client; lost: Promise<never> }> {
    const client = new Client({ connectionString: url, application_name: spec.applicationName, connectionTimeoutMillis: 5000 });
    // The listener both keeps a terminated backend from crashing the process and tells the role at once.
    let fail!: (e: Error) => void;
    const lost = new Promise<never>((_, reject) => (fail = reject));
    lost.catch(() => {}); // observed through races below; never an unhandled rejection
    client.on("error", (e) => fail(e));
    client.on("end", () => fail(Object.assign(new Error("Connection terminated"), { code: "ECONNRESET" })));
    try {
      await client.connect();
      stats.pid = Number((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
      for (const s of spec.setup ?? []) await client.query(s);
    } catch (e) {
      await endQuietly(client);
      throw e;
    }
    stats.connects++;
    stats.connected = true;
    return { client, lost };
  }

  async function loop(): Promise<void> {
    let attempt = 0;
    let conn: { client: Client; lost: Promise<never> } | null = null;
    while (!stopper.stopped) {
      try {
        conn ??= await connect();
        const { client, lost } = conn;
        await spec.run({
          stopper,
          query: async (text, params) => {
            const r = await Promise.race([client.query(text, params), lost]);
            stats.queries++;
            attempt = 0;
            return r;
          },
          sleep: (ms) => Promise.race([stopper.sleep(ms), lost]),
        });
      } catch (e) {
        if (stopper.stopped) break;
        const kind = classifyPgError(e);
        stats.failures[kind]++;
        stats.lastError = `${errorCode(e) ?? kind}: ${e instanceof Error ? e.message : String(e)}`;
        spec.onFailure?.(kind, e instanceof Error ? e.message : String(e), stats.pid);
        if (kind === "cancelled" && conn) {
          await conn.client.query("ROLLBACK").catch(() => {}); // a cancel inside BEGIN leaves an aborted transaction
        } else {
          await endQuietly(conn?.client ?? null);
          conn = null;
          stats.connected = false;
          stats.pid = null;
        }
        attempt++;
        const user = kind === "cancelled" || kind === "terminated";
        await stopper.sleep(user && spec.restartDelayMs !== undefined ? spec.restartDelayMs : backoffMs(attempt));
      }
    }
    await endQuietly(conn?.client ?? null);
    stats.connected = false;
  }

  return { stats, pid: () => (stats.connected ? stats.pid : null), done: loop() };
}
