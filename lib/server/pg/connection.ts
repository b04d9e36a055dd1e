// How the console connects to a monitored PostgreSQL: marked as pg-triage, autocommit, bounded.
import pg from "pg";
import { sessionLimitsSql } from "./sql";

const raw = (v: string) => v;
const num = (v: string) => Number(v);

/** int8/numeric counters as numbers (temp_bytes etc. stay far below 2^53); timestamps stay as PostgreSQL printed them. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    switch (oid) {
      case 20: // int8
      case 1700: // numeric
        return num;
      case 1114: // timestamp
      case 1184: // timestamptz
        return raw;
      default:
        return pg.types.getTypeParser(oid, format as "text");
    }
  },
};

export interface ConnectionLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  workMem: string;
  connectTimeoutMs: number;
}

export async function connect(url: string, limits: ConnectionLimits, applicationName = "pg-triage"): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    application_name: applicationName,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    keepAlive: true,
    types,
  });
  // Without a listener, an 'error' on an idle client (server restart, terminate) crashes the process.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query(
      sessionLimitsSql({
        ...limits,
        // A console session never holds a transaction open; if it ever did, the server ends it.
        idleInTransactionMs: Math.max(limits.statementTimeoutMs, 1000),
      }),
    );
    return client;
  } catch (e) {
    destroy(client);
    throw e;
  }
}

/** Drops the socket at once: a half-open connection would otherwise wait for TCP to give up. */
export function destroy(client: pg.Client): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  stream?.destroy();
  client.end().catch(() => {});
}

/** An error's message with any connection string (and its password) cut out. */
export function safeMessage(e: unknown): string {
  return ((e as { message?: string }).message ?? String(e)).replace(/postgres(ql)?:\/\/\S+/g, "postgres://…");
}

/** An error message fit for viewers: no connection string, no password; the SQLSTATE appended. */
export function describeError(e: unknown): string {
  const code = (e as { code?: string }).code;
  const msg = safeMessage(e);
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}
