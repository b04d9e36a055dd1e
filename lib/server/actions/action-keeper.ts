// Keeps a target's action connection open from start-up: a connection opened only on first use
// cannot get a slot once a connection storm has filled the server. Reconnects with capped backoff,
// pings while idle so its health is true, and reports that health for the target page.
import type { ActionConnectionHealth } from "../../snapshot";
import { describeError, safeMessage } from "../pg/connection";
import { pingSql } from "../pg/sql";
import type { ActionConnection } from "./action-connection";

const BACKOFF_MS = [250, 500, 1000, 2000, 4000]; // capped: never more than 5 s between tries
export const PING_EVERY_MS = 15_000;

export class ActionKeeper {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private busy = false;
  private state: ActionConnectionHealth = { status: "starting", since: new Date().toISOString(), retries: 0 };

  constructor(
    private readonly conn: ActionConnection,
    private readonly pingEveryMs = PING_EVERY_MS,
  ) {
    conn.events.on("up", () => this.set({ status: "up", retries: 0 }));
    conn.events.on("down", (reason) => {
      this.set({ status: "down", error: safeMessage(reason), retries: this.state.retries });
      this.schedule(BACKOFF_MS[0]);
    });
  }

  health(): ActionConnectionHealth {
    return this.state;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(next: Omit<ActionConnectionHealth, "since">) {
    const since = next.status === this.state.status ? this.state.since : new Date().toISOString();
    this.state = { ...next, since };
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.busy || !this.running) return;
    this.busy = true;
    try {
      // Up: a ping (a dead idle link drops and reopens through read()); down: one more attempt.
      if (this.conn.backendPid() !== null) await this.conn.read(pingSql(), []);
      else await this.conn.connectNow();
      this.schedule(this.pingEveryMs);
    } catch (e) {
      if (this.conn.backendPid() === null) {
        this.set({ status: "down", error: describeError(e), retries: this.state.retries + 1 });
        this.schedule(BACKOFF_MS[Math.min(this.state.retries - 1, BACKOFF_MS.length - 1)]);
      } else this.schedule(this.pingEveryMs); // an SQL error on a live link: it is up
    } finally {
      this.busy = false;
    }
  }
}
