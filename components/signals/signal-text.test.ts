import { describe, expect, it } from "vitest";
import { countRows, originText, windowLabel } from "./signal-text";

describe("signal text", () => {
  it("orders counts, largest first, with labels, and leaves out zeros", () => {
    expect(countRows({ fatal: 2, oom_kill: 5, http_500: 0, signal_9: 2 })).toEqual([
      { kind: "oom_kill", label: "kernel OOM kill", n: 5 },
      { kind: "fatal", label: "FATAL", n: 2 },
      { kind: "signal_9", label: "terminated by signal 9", n: 2 },
    ]);
  });
  it("names the window and the origin", () => {
    expect([5, 20, 60, 240, 1440].map(windowLabel)).toEqual(["5 minutes", "20 minutes", "1 hour", "4 hours", "24 hours"]);
    expect(originText({ source: "postgres", origin: "pg_read_file", file: "log/postgresql.log", status: "ok", lastReadAt: null })).toBe("pg_read_file (log/postgresql.log)");
    expect(originText({ source: "odoo", origin: "/var/log/odoo/odoo.log", status: "ok", lastReadAt: null })).toBe("/var/log/odoo/odoo.log");
  });
});
