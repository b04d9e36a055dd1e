// Periodic connection storms: Odoo spawning workers (or a misconfigured pool) opens many
// connections at once, each costing a backend's memory, then drops them.
import { Client } from "pg";
import type { Stopper } from "./stopper";
import { webWorkerName } from "./app-names";

export interface BurstOptions {
  size: number;
  everyMs: number;
  holdMs: number;
  /** Delay before the first burst. */
  firstAfterMs?: number;
}

export interface BurstStats {
  bursts: number;
  opened: number;
  failed: number;
  open: number;
  lastError: string | null;
}

export function runBursts(url: string, opts: BurstOptions, stopper: Stopper): { stats: BurstStats; done: Promise<void>; closeAll(): Promise<void> } {
  const stats: BurstStats = { bursts: 0, opened: 0, failed: 0, open: 0, lastError: null };
  const open = new Set<Client>();

  async function openOne(): Promise<void> {
    const client = new Client({ connectionString: url, application_name: webWorkerName(), connectionTimeoutMillis: 5000 });
    client.on("error", () => {}); // terminated from the console: it is closed with the rest of the burst
    try {
      await client.connect();
      open.add(client);
      stats.open = open.size;
      stats.opened++;
      await client.query("SELECT id, name FROM res_partner WHERE active ORDER BY id LIMIT 10");
    } catch (e) {
      stats.failed++;
      stats.lastError = e instanceof Error ? e.message : String(e);
    }
  }

  async function closeAll(): Promise<void> {
    const clients = [...open];
    open.clear();
    stats.open = 0;
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }

  async function loop(): Promise<void> {
    await stopper.sleep(opts.firstAfterMs ?? opts.everyMs);
    while (!stopper.stopped) {
      stats.bursts++;
      await Promise.all(Array.from({ length: opts.size }, openOne));
      await stopper.sleep(opts.holdMs);
      await closeAll();
      await stopper.sleep(opts.everyMs);
    }
    await closeAll();
  }

  return { stats, done: loop(), closeAll };
}
