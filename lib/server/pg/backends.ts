// Cancel / terminate at the PostgreSQL level: look a backend up, decide whether the console may act
// on it, and signal it with one statement that re-checks its identity. SQL comes from sql.ts.
import type pg from "pg";
import type { AuditSubject } from "../../audit";
import type { Session } from "../../snapshot";
import { toSession, type ActivityRow } from "./activity";
import { backendsByPidSql, backendsMatchingSql, literal, signalSql, type SessionFilterCriteria, type SignalKind } from "./sql";

export interface BackendRow extends ActivityRow {
  rolsuper: boolean;
  console_superuser: boolean;
  matches?: boolean;
}

export interface Backend {
  session: Session;
  superuser: boolean;
  consoleSuperuser: boolean;
  /** Only when looked up with a filter. */
  matches?: boolean;
}

/** A NOTICE/WARNING PostgreSQL sent while a statement ran (e.g. "PID n is not a PostgreSQL backend process"). */
export type Notice = { message?: string; severity?: string };

/** What the action connection offers: a query with parameters, optionally collecting notices. */
export interface Queryable {
  /** A statement that changes something: run once, never retried; `part` names it in errors ("signal"). */
  query<R extends pg.QueryResultRow>(text: string, values: unknown[], onNotice?: (n: Notice) => void, part?: string): Promise<pg.QueryResult<R>>;
  /** A read-only statement: may be retried once on a fresh connection, within the same deadline. */
  read<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>>;
}

const toBackend = (row: BackendRow, consolePids: ReadonlySet<number>): Backend => ({
  session: toSession(row, consolePids),
  superuser: row.rolsuper,
  consoleSuperuser: row.console_superuser,
  ...(row.matches === undefined ? {} : { matches: row.matches }),
});

export async function lookupBackends(db: Queryable, pids: number[], consolePids: ReadonlySet<number>, filter?: SessionFilterCriteria): Promise<Backend[]> {
  const q = backendsByPidSql(filter);
  const r = await db.read<BackendRow>(q.sql, [pids, ...q.params]);
  return r.rows.map((row) => toBackend(row, consolePids));
}

export async function matchingBackends(db: Queryable, filter: SessionFilterCriteria, consolePids: ReadonlySet<number>): Promise<Backend[]> {
  const q = backendsMatchingSql(filter);
  const r = await db.read<BackendRow>(q.sql, q.params);
  return r.rows.map((row) => toBackend(row, consolePids));
}

/** Why the console must not signal this backend, or null when it may. */
export function exclusionReason(b: Backend): string | null {
  const s = b.session;
  if (s.isTriage) return `pid ${s.pid} is one of the console's own connections`;
  if (s.backendType !== "client backend") {
    return `pid ${s.pid} is a ${s.backendType ?? "non-client"} process, not a client session: only client backends can be signalled`;
  }
  if (s.backendStart === null) return `the console's role cannot see pid ${s.pid}'s details (grant it pg_monitor)`;
  if (b.superuser && !b.consoleSuperuser) return "the console's role cannot signal superuser backends (needs superuser)";
  return null;
}

/** What terminating this session will do, for the confirmation dialog. */
export function terminateWarnings(s: Session): string[] {
  const w = [s.xactStart ? "Its open transaction will be rolled back." : "Its connection will be closed; the client has to reconnect."];
  if (s.backendXid) w.push(`It has written in this transaction (backend_xid ${s.backendXid}): that work is lost, and the rollback may take a while.`);
  return w;
}

export function toSubject(s: Session): AuditSubject {
  return {
    pid: s.pid,
    backendStart: s.backendStart,
    user: s.user,
    database: s.database,
    applicationName: s.applicationName,
    state: s.state,
    query: s.query,
    queryStart: s.queryStart,
    xactStart: s.xactStart,
    xactMs: s.xactMs,
    backendXid: s.backendXid,
    backendType: s.backendType,
  };
}

/** Microseconds since the epoch of a timestamptz as PostgreSQL prints it; null when unparseable. */
export function instantMicros(text: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = "", z, sign, oh = "0", om = "0", os = "0"] = m;
  const base = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const offsetS = z ? 0 : (sign === "-" ? -1 : 1) * (+oh * 3600 + +om * 60 + +os);
  return (base / 1000 - offsetS) * 1_000_000 + Number(frac.padEnd(6, "0"));
}

export function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const x = instantMicros(a);
  return x !== null && x === instantMicros(b);
}

export interface SignalStatement {
  kind: SignalKind;
  pid: number;
  sql: string;
  values: unknown[];
  /** The statement as the audit records it: the SQL text, then its parameter values. */
  auditText: string;
}

export function signalStatement(kind: SignalKind, pid: number, backendStart: string, filter?: SessionFilterCriteria): SignalStatement {
  const q = signalSql(kind, filter);
  const values = [pid, backendStart, ...q.params];
  const shown = values.map((v, i) => `$${i + 1} = ${typeof v === "string" ? literal(v) : String(v)}`).join(", ");
  return { kind, pid, sql: q.sql, values, auditText: `${q.sql}\n-- ${shown}` };
}

export type SignalOutcome =
  | { outcome: "ok"; signalled: true }
  | { outcome: "not_found" | "refused"; signalled: false; code: "not_found" | "pid_reused" | "changed" | "refused"; message: string };

/** Runs the statement; 0 rows means the session is gone, reused or (bulk) no longer matching. */
export async function runSignal(db: Queryable, st: SignalStatement, explainMissing: () => Promise<SignalOutcome>): Promise<SignalOutcome> {
  const warnings: string[] = [];
  let rows: Array<{ signalled: boolean }>;
  try {
    const r = await db.query<{ signalled: boolean }>(st.sql, st.values, (n) => {
      if (n.message) warnings.push(n.message);
    }, "signal");
    rows = r.rows;
  } catch (e) {
    const err = e as { code?: string; message?: string; detail?: string };
    if (err.code !== "42501") throw e;
    return { outcome: "refused", signalled: false, code: "refused", message: [err.message, err.detail].filter(Boolean).join(" ") };
  }
  if (rows.length === 0) return explainMissing();
  if (rows[0].signalled) return { outcome: "ok", signalled: true };
  const why = warnings.length ? warnings.join("; ") : "PostgreSQL did not signal it";
  return { outcome: "refused", signalled: false, code: "refused", message: `pid ${st.pid} was not signalled: ${why}` };
}
