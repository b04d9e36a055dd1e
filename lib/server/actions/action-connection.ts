// One action connection per target, separate from the monitor's, so a stuck poll never delays a
// cancel. Kept open by its keeper (action-keeper.ts), bounded (statement_timeout, lock_timeout, a
// client-side deadline), its backend pid counted among the console's own while it is connected,
// reopened after any failure.
import { EventEmitter } from "node:events";
import type pg from "pg";
import { connect, destroy, safeMessage, type ConnectionLimits } from "../pg/connection";
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


/** One statement's whole budget, connecting included: an action over a dead link fails within it. */
export const actionDeadlineMs = (limits: ConnectionLimits) => limits.statementTimeoutMs + 1000;

/** Which part of an action failed: "connect", "lookup", "signal" (or "statement"), so the message says where. */
export class ActionPartError extends Error {
  constructor(
    readonly part: string,
    message: string,
    readonly timedOut: boolean,
    readonly code?: string,
  ) {
    super(`${part}: ${message}`);
  }
}

/** The link failed (timed out, refused, reset): the next statement over it would fail the same way. */
export const isLinkFailure = (e: unknown): e is ActionPartError => e instanceof ActionPartError;

export class ActionConnection implements Queryable {
  /** "up" when a connection opens, "down" when one is lost (not on close()): the keeper's cue. */
  readonly events = new EventEmitter<ActionConnectionEvents>();
  private client: pg.Client | null = null;
  private pid: number | null = null;
  private opening: Promise<pg.Client> | null = null;
  private closed = false;
  /** For tests: how many times a connection was opened. */
  connects = 0;
  /** One statement at a time (pg queues them anyway): a notice belongs to the statement that raised it. */
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
   * Runs one statement (`part` names it in errors: "signal", ...), never retried: a signal may
   * already have run. Connecting and the statement share one deadline (actionDeadlineMs).
   */
  async query<R extends pg.QueryResultRow>(text: string, values: unknown[], onNotice?: (n: Notice) => void, part = "statement"): Promise<pg.QueryResult<R>> {
    return this.serial(() => this.once<R>(text, values, onNotice, part, Date.now() + actionDeadlineMs(this.limits)));
  }

  /**
   * A read ("lookup"): a connection found dead while idle is reopened and the read tried once more,
   * within the same deadline; never after a timeout (a half-open link would only time out again).
   */
  read<R extends pg.QueryResultRow>(text: string, values: unknown[], part = "lookup"): Promise<pg.QueryResult<R>> {
    return this.serial(async () => {
      const deadlineAt = Date.now() + actionDeadlineMs(this.limits);
      const reused = this.client !== null;
      try {
        return await this.once<R>(text, values, undefined, part, deadlineAt);
      } catch (e) {
        const staleLink = reused && e instanceof ActionPartError && e.part === part && !e.timedOut;
        if (!staleLink || this.closed || Date.now() >= deadlineAt) throw e;
        return this.once<R>(text, values, undefined, part, deadlineAt);
      }
    });
  }

  /** One statement at a time: each deadline starts when its own statement runs. */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => {});
    return result;
  }

  private async once<R extends pg.QueryResultRow>(text: string, values: unknown[], onNotice: ((n: Notice) => void) | undefined, part: string, deadlineAt: number): Promise<pg.QueryResult<R>> {
    let stage = "connect";
    let client: pg.Client | null = null;
    let timer: NodeJS.Timeout | undefined;
    const budgetMs = Math.max(0, deadlineAt - Date.now());
    // A half-open socket would outlive statement_timeout (and a frozen connect its own timeout): drop it so the caller gets an answer.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (client) this.drop(client);
        const what = stage === "connect" ? "no connection to the target" : "no answer from the target";
        const after = stage === "signal" ? ": the signal may or may not have reached the backend, and is not sent again" : "";
        reject(new ActionPartError(stage, `${what} within ${actionDeadlineMs(this.limits)} ms (the link is dead or half-open)${after}`, true));
      }, budgetMs);
    });
    let work: Promise<pg.QueryResult<R>> | null = null;
    try {
      const opening = this.ensure();
      opening.catch(() => {});
      client = await Promise.race([opening, deadline]);
      stage = part;
      if (onNotice) client.on("notice", onNotice);
      work = client.query<R>(text, values);
      return await Promise.race([work, deadline]);
    } catch (e) {
      if (e instanceof ActionPartError) throw e;
      if (isSqlError(e)) throw e;
      if (client) this.drop(client);
      const code = (e as { code?: string }).code;
      throw new ActionPartError(stage, safeMessage(e), false, code);
    } finally {
      clearTimeout(timer);
      work?.catch(() => {});
      if (client && onNotice) client.off("notice", onNotice);
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
