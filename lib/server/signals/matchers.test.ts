import { describe, expect, it } from "vitest";
import { fixtureLines } from "./fixtures/read";
import { capLine, matchKernel, matchOdoo, matchPostgres, MAX_LINE_CHARS } from "./matchers";

const kinds = (lines: string[], match: (l: string) => string | null) => lines.map((l) => [match(l), l.slice(0, 60)] as const).filter(([k]) => k);

describe("PostgreSQL lines", () => {
  it("finds out of memory, signal 9, other terminations and FATAL, ignoring quoted queries", () => {
    expect(kinds(fixtureLines("postgres.log"), matchPostgres).map(([k]) => k)).toEqual([
      "out_of_memory", // ERROR:  out of memory (not its DETAIL, not the STATEMENT that quotes the words)
      "signal_9",
      "terminated", // all server processes terminated; reinitializing
      "fatal", // recovery mode
      "fatal", // administrator command
      "fatal", // too many clients
      "out_of_memory", // could not fork: Cannot allocate memory
    ]);
  });
  it("takes FATAL only as the severity", () => {
    expect(matchPostgres("2026-11-26 18:00:06.000 UTC [5691] FATAL:  password authentication failed for user \"odoo\"")).toBe("fatal");
    expect(matchPostgres("2026-11-26 18:00:06.000 UTC [5691] LOG:  statement: select 'FATAL: nope'")).toBeNull();
    expect(matchPostgres("2026-11-26 18:00:06.000 UTC [5691] FATAL:  out of memory")).toBe("out_of_memory");
    expect(matchPostgres("\tand note = 'FATAL:  out of memory'")).toBeNull(); // a query's continuation line
    expect(matchPostgres("2026-11-26 18:00:02.456 UTC [1234] LOG:  server process (PID 77) was terminated by signal 11: Segmentation fault")).toBe("terminated");
  });
  it("works with another log_line_prefix", () => {
    expect(matchPostgres("2026-11-26 18:00:02 UTC [1234]: [3-1] user=,db=,app=,client= LOG:  server process (PID 5679) was terminated by signal 9: Killed")).toBe("signal_9");
  });
});

describe("Odoo lines", () => {
  it("finds Worker, restarting, MemoryError, HTTP 500, timeout and Traceback", () => {
    expect(kinds(fixtureLines("odoo.log"), matchOdoo).map(([k]) => k)).toEqual([
      "worker", // Worker WorkerHTTP (1240) alive
      "traceback",
      "memory_error",
      "http_500",
      "timeout", // WorkerHTTP (1242) timeout after 120s
      "worker", // virtual memory limit reached
      "worker", // exiting. request_count: 500
      "restarting",
      "timeout", // canceling statement due to statement timeout
    ]);
  });
  it("takes 500 only as the HTTP status of an access line", () => {
    const access = (status: string, rest = "- 9 0.011 0.042") =>
      `2026-11-26 18:00:02,001 1240 INFO odoo werkzeug: 127.0.0.1 - - [26/Nov/2026 18:00:02] "POST /web/dataset/call_kw HTTP/1.1" ${status} ${rest}`;
    expect(matchOdoo(access("500"))).toBe("http_500");
    expect(matchOdoo(access("200", "- 500 0.500 1.500"))).toBeNull();
    expect(matchOdoo(access("5000"))).toBeNull();
    expect(matchOdoo(access("502"))).toBeNull();
    expect(matchOdoo('2026-11-26 18:00:02,001 1240 INFO odoo werkzeug: 127.0.0.1 - - [26/Nov/2026 18:00:02] "GET /web/content/500 HTTP/1.1" 404 - 1 0.001 0.004')).toBeNull();
    // The demo's stand-in writes the date the way toUTCString() does: the status is still right after the request.
    expect(matchOdoo(`2026-11-26 18:00:02,001 1240 INFO odoo werkzeug: 127.0.0.1 - - [Thu, 26 Nov 2026 18:00:02 GMT] "POST /web/dataset/call_kw HTTP/1.1" 500 - 12 0.004 2.113`)).toBe("http_500");
  });
  it("ignores traceback frames and source lines, whatever words they hold", () => {
    expect(matchOdoo('  File "/opt/odoo/odoo/service/server.py", line 981, in process_timeout')).toBeNull();
    expect(matchOdoo("    worker.watchdog_timeout = 120")).toBeNull();
    expect(matchOdoo("psycopg2.OperationalError: could not connect to server: Connection timed out")).toBe("timeout");
  });
});

describe("kernel lines", () => {
  it("counts each OOM kill once, not its companion lines", () => {
    expect(kinds(fixtureLines("kernel-dmesg-t.txt"), matchKernel)).toHaveLength(2);
    expect(kinds(fixtureLines("kernel-journal.txt"), matchKernel)).toHaveLength(2); // new and old ("Kill process ... or sacrifice child") forms
    expect(matchKernel("[ 8123.441420] Out of memory: Killed process 4201 (postgres) total-vm:2488408kB")).toBe("oom_kill");
    expect(matchKernel("[ 8123.441201] postgres invoked oom-killer: gfp_mask=0x140cca")).toBeNull();
  });
});

describe("capLine", () => {
  it("cuts a runaway line", () => {
    expect(capLine("x".repeat(5000))).toHaveLength(MAX_LINE_CHARS);
    expect(capLine("short")).toBe("short");
  });
});
