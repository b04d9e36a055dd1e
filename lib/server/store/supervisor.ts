// Watches the store in the background, so /api/health and the pages read a cached state instead of
// waiting on the store: a `select 1` (2 s timeout) each second over one connection of its own. The
// embedded store this console started is also restarted when its postmaster dies (kill -9, a crash):
// PostgreSQL's crash recovery runs at that start. TRIAGE_STORE_URL's server is only reported on.
import pg from "pg";
import { registered, register, unregister } from "../registry";
import type { HealthComponent } from "../health/status";
import type { Store } from "./store";

export interface StoreHealth {
  /** unknown: not checked yet; restarting: the embedded server is down and being started again. */
  state: "unknown" | "up" | "down" | "restarting";
  since: string;
  error?: string;
  /** How often this console restarted the embedded server. */
  restarts: number;
}

export interface StoreSupervisor {
  current(): StoreHealth;
  stop(): Promise<void>;
}

const KEY = "storeSupervisor";
const PROBE_TIMEOUT_MS = 2000;
const MAX_BACKOFF_MS = 30_000;

/** The supervised store's state; null where no supervisor runs (a route rendered outside server.ts, tests). */
export const storeHealth = (): StoreHealth | null => registered<StoreSupervisor>(KEY)?.current() ?? null;

/** Down or restarting: logins, sessions and actions cannot work until it returns. */
export const storeUnavailable = (): boolean => {
  const s = storeHealth()?.state;
  return s === "down" || s === "restarting";
};

export function storeComponent(h: StoreHealth | null): HealthComponent {
  if (!h) return { name: "store", status: "ok", critical: true };
  const status = h.state === "up" ? "ok" : h.state === "unknown" ? "starting" : "down";
  const detail = h.state === "restarting" ? `restarting the embedded store${h.error ? ` (${h.error})` : ""}` : h.state === "down" ? h.error : undefined;
  return { name: "store", status, critical: true, ...(detail ? { detail } : {}) };
}

export function superviseStore(store: Store, log: (line: string) => void, intervalMs = 1000): StoreSupervisor {
  let health: StoreHealth = { state: "unknown", since: new Date().toISOString(), restarts: 0 };
  let outageStart: number | null = null;
  const set = (state: StoreHealth["state"], error?: string) => {
    if (state !== health.state) health = { state, since: new Date().toISOString(), restarts: health.restarts };
    health = { ...health, ...(error ? { error } : { error: undefined }) };
    if (state === "up" && outageStart !== null) {
      log(`the store is available again after ${((Date.now() - outageStart) / 1000).toFixed(1)} s`);
      outageStart = null;
    } else if ((state === "down" || state === "restarting") && outageStart === null) outageStart = Date.now();
  };
  let client: pg.Client | null = null;
  const drop = () => {
    void client?.end().catch(() => {});
    client = null;
  };

  const probe = async () => {
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: store.url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS, application_name: "pg-triage-health" });
        c.on("error", () => {}); // a dead connection is found by the next probe
        client = c;
        await c.connect();
      }
      await client.query("select 1");
      set("up");
    } catch (e) {
      drop();
      const message = (e as Error).message || String(e);
      if (outageStart === null) log(`the store is unavailable: ${message}`);
      set("down", message);
    }
  };

  const server = store.server?.owned ? store.server : null;
  let attempt = 0;
  let nextAttemptAt = 0;
  let lastPid = server?.postmasterPid() ?? null;
  const recover = async () => {
    if (health.state !== "restarting") {
      log(`the embedded store's PostgreSQL${lastPid ? ` (pid ${lastPid})` : ""} is gone (killed or crashed): restarting it`);
      set("restarting");
      attempt = 0;
      nextAttemptAt = 0;
      drop();
    }
    if (Date.now() < nextAttemptAt) return;
    attempt++;
    const started = Date.now();
    try {
      await server!.restart();
      health = { ...health, restarts: health.restarts + 1 };
      lastPid = server!.postmasterPid();
      log(`restarted the embedded store's PostgreSQL (pid ${lastPid}, attempt ${attempt}, ${Date.now() - started} ms including crash recovery)`);
      set("down", "restarted, reconnecting"); // the probe right after says up
      await probe();
    } catch (e) {
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
      nextAttemptAt = Date.now() + wait;
      const message = ((e as Error).message || String(e)).trim().split("\n").slice(-2).join(" ");
      health = { ...health, error: `attempt ${attempt} failed` };
      log(`could not restart the embedded store (attempt ${attempt}): ${message}; next try in ${wait / 1000} s`);
    }
  };

  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    const pid = server?.postmasterPid() ?? null;
    if (server && pid === null) await recover();
    else {
      lastPid = pid;
      await probe();
    }
  };
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch(() => {})
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(loop, intervalMs).unref();
      });
  };
  loop();

  const supervisor: StoreSupervisor = {
    current: () => health,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      drop();
      if (registered(KEY) === supervisor) unregister(KEY);
    },
  };
  return register(KEY, supervisor);
}
