// A connection opened for one piece of background work (a cron-backlog read, a round of log reads)
// and closed after it: between rounds it holds no backend and no connection slot, and the action
// connection (one statement at a time, kept free for cancels) and the monitor's poll connection are
// never shared or waited on. Its backend pid is among the console's own from its first statement
// until it is closed, so a bulk terminate never picks it.
import type pg from "pg";
import { connect, destroy, type ConnectionLimits } from "./connection";
import { serverInfoSql } from "./sql";

export class ShortLivedConnection {
  private client: pg.Client | null = null;
  private pid: number | null = null;
  private opening: Promise<pg.Client> | null = null;
  private closed = false;
  /** Rejects when close() is called: whatever waits (a connect, a statement) gives up at once. */
  private readonly closing: Promise<never>;
  private abort!: (e: Error) => void;

  constructor(
    private readonly url: string,
    private readonly ownPids: Set<number>,
    private readonly limits: ConnectionLimits,
    private readonly applicationName = "pg-triage",
  ) {
    this.closing = new Promise<never>((_, reject) => (this.abort = reject));
    this.closing.catch(() => {});
  }

  backendPid(): number | null {
    return this.pid;
  }

  /**
   * One statement, opening the connection on first use. Bounded on the client side too (connect
   * timeout + statement_timeout + 1 s): a half-open socket is dropped and the statement rejected.
   */
  async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    const budgetMs = (this.client ? 0 : this.limits.connectTimeoutMs) + this.limits.statementTimeoutMs + 1000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.close();
        reject(new Error(`no answer from PostgreSQL within ${budgetMs} ms`));
      }, budgetMs);
    });
    const work = this.ensure().then((c) => c.query<R>(text, values));
    work.catch(() => {}); // the loser of the race must not surface as unhandled
    try {
      return await Promise.race([work, deadline, this.closing]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Idempotent; a connection still opening is closed when it arrives. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort(new Error("the connection was closed (shutting down)"));
    this.release();
  }

  private ensure(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error("the connection was closed (shutting down)"));
    if (this.client) return Promise.resolve(this.client);
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<pg.Client> {
    const client = await connect(this.url, this.limits, this.applicationName);
    this.client = client;
    if (this.closed) {
      this.release();
      throw new Error("the connection was closed (shutting down)");
    }
    // The pid first, before any statement of the work: until then the backend runs nothing of ours.
    const pid = (await client.query(serverInfoSql())).rows[0].pid as number;
    if (this.closed) throw new Error("the connection was closed (shutting down)");
    this.pid = pid;
    this.ownPids.add(pid);
    client.on("end", () => this.release());
    return client;
  }

  private release() {
    if (this.pid !== null) this.ownPids.delete(this.pid);
    this.pid = null;
    if (this.client) destroy(this.client);
    this.client = null;
  }
}
