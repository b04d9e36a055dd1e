// The simulated Odoo's log, in Odoo's own format (UTC, "<date> <time>,<ms> <pid> <LEVEL> <db> <logger>: <message>"),
// so the console's incident signals have something real to read in the demo.
import fs from "node:fs";
import type { FailureKind } from "./pg-errors";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
/** werkzeug's access-log time, e.g. 26/Nov/2026 18:00:03. */
const werkzeugTime = (d: Date) =>
  `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
const stamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "").replace(".", ",");

/** The lines Odoo writes when a worker's query fails the way `kind` says (one entry may span lines). */
export function odooFailureLines(kind: FailureKind, workerPid: number, message: string, at = new Date()): string[] {
  const head = `${stamp(at)} ${workerPid}`;
  switch (kind) {
    case "cancelled":
      return [
        `${head} ERROR odoo odoo.sql_db: bad query: (statement cancelled) ERROR: ${message}`,
        `${head} INFO odoo werkzeug: 127.0.0.1 - - [${werkzeugTime(at)}] "POST /web/dataset/call_kw HTTP/1.1" 500 - 12 0.004 2.113`,
      ];
    case "terminated":
      return [
        `${head} ERROR odoo odoo.http: Exception during request handling.`,
        "Traceback (most recent call last):",
        '  File "/usr/lib/python3/dist-packages/odoo/sql_db.py", line 347, in execute',
        "psycopg2.OperationalError: terminating connection due to administrator command",
        `${head} INFO odoo odoo.service.server: Worker WorkerHTTP (${workerPid}) exiting. request_count: 412.`,
      ];
    case "connection":
      return [`${head} WARNING odoo odoo.sql_db: Connection to the database failed: ${message}`];
    default:
      return [`${head} ERROR odoo odoo.sql_db: ${message}`];
  }
}

/** An access line of a request that went well (noise the signal matchers must ignore). */
export function odooAccessLine(workerPid: number, at = new Date()): string {
  return `${stamp(at)} ${workerPid} INFO odoo werkzeug: 127.0.0.1 - - [${werkzeugTime(at)}] "POST /web/dataset/call_kw/sale.order/web_search_read HTTP/1.1" 200 - 9 0.011 0.042`;
}

/** Appends lines to the log file; a write that fails is dropped (the demo must not stop for its log). */
export class OdooLog {
  constructor(private readonly file: string) {}
  write(lines: string[]): void {
    try {
      fs.appendFileSync(this.file, lines.map((l) => `${l}\n`).join(""));
    } catch {
      // the demo's data folder went away (shutdown): nothing to log to
    }
  }
}
