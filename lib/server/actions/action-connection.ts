// One action connection per target, separate from the monitor's, so a stuck poll never delays a
// cancel. Kept open by its keeper (action-keeper.ts), bounded (statement_timeout, lock_timeout, a
// client-side deadline), its backend pid counted among the console's own while it is connected,
// reopened after any failure.
import { EventEmitter } from "node:events";
import type pg from "pg";
import { connect, destroy, type ConnectionLimits } from "../pg/connection";
import type { Notice, Queryable } from "../pg/backends";
import { serverInfoSql } from "../pg/sql";

export const ACTION_APPLICATION_NAME = "pg-triage-action";

export const ACTION_LIMITS: ConnectionLimits = {
  statementTimeoutMs: 5000,
  lockTimeoutMs: 1000,
  workMem: "4MB",
  connectTimeoutMs: 5000,
};

/** A query error that says nothing about the connection (SQL error with a SQLSTATE, not 08xxx/57P0x). */
const isSqlError = (e: unknown) => {
  const code = (e as { code?: string }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57P0)/.test(code);
};

export interface ActionConnectionEvents {
  up: [];
  down: [reason: string];
}

export class ActionConnection implements Queryable {
  /** "up" when a connection opens, "down" when one is lost (not on close()): the keeper's cue. */
  readonly events = new EventEmitter<ActionConnectionEvents>();
  private client: pg.Client | null = null;
  private pid: number | null = null;
  private opening: Promise<pg.Client> | null = null;
  private closed = false;
  /** For tests: how many times a connection was opened. */
  connects = 0;
  /**
   * One statement at a time (pg queues them anyway): each deadline then starts when its own
   * statement runs, and a notice belongs to the statement that raised it.
   */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly consolePids: Set<number>,
    private readonly limits: ConnectionLimits = ACTION_LIMITS,
  ) {}

  /** Opens the connection now unless it is open (the keeper's way in; actions open it on demand too). */
  async connectNow(): Promise<void> {
    await this.ensure();
  }

  backendPid(): number | null {
    return this.pid;
  }

  /**
   * Runs one statement. `retry` (reads only): a connection that died while idle is reopened and the
   * statement tried once more; a signal is never retried, since it may already have run.
   */
  async query<R extends pg.QueryResultRow>(text: string, values: unknown[], onNotice?: (n: Notice) => void, retry = false): Promise<pg.QueryResult<R>> {
    const run = async () => {
      try {
        return await this.once<R>(text, values, onNotice);
      } catch (e) {
        if (!retry || isSqlError(e) || this.closed) throw e;
        return this.once<R>(text, values, onNotice);
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => {});
    return result;
  }

  read<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    return this.query<R>(text, values, undefined, true);
  }

  private async once<R extends pg.QueryResultRow>(text: string, values: unknown[], onNotice?: (n: Notice) => void): Promise<pg.QueryResult<R>> {
    const client = await this.ensure();
    if (onNotice) client.on("notice", onNotice);
    let timer: NodeJS.Timeout | undefined;
    // A half-open socket would outlive statement_timeout: drop it so the caller gets an answer.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.drop(client);
        reject(new Error(`the action did not complete within ${this.limits.statementTimeoutMs + 1000} ms`));
      }, this.limits.statementTimeoutMs + 1000);
    });
    const work = client.query<R>(text, values);
    try {
      return await Promise.race([work, deadline]);
    } catch (e) {
      if (!isSqlError(e)) this.drop(client);
      throw e;
    } finally {
      clearTimeout(timer);
      work.catch(() => {});
      if (onNotice) client.off("notice", onNotice);
    }
  }

  private ensure(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error("the action connection is closed (shutting down)"));
    if (this.client) return Promise.resolve(this.client);
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(): Promise<pg.Client> {
    const client = await connect(this.url, this.limits, ACTION_APPLICATION_NAME);
    let pid: number;
    try {
      pid = (await client.query(serverInfoSql())).rows[0].pid as number;
      if (this.closed) throw new Error("the action connection is closed (shutting down)");
    } catch (e) {
      destroy(client);
      throw e;
    }
    this.client = client;
    this.pid = pid;
    this.consolePids.add(pid);
    this.connects++;
    client.on("error", (e) => this.drop(client, e.message));
    client.on("end", () => this.drop(client, "the server closed the connection"));
    this.events.emit("up");
    return client;
  }

  private drop(client: pg.Client, reason = "the connection was dropped after a failure") {
    destroy(client);
    if (this.client !== client) return; // an older connection, already replaced
    if (this.pid !== null) this.consolePids.delete(this.pid);
    this.pid = null;
    this.client = null;
    if (!this.closed) this.events.emit("down", reason);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => {});
    if (this.client) this.drop(this.client);
  }
}
