import { describe, expect, it } from "vitest";
import { lineTime } from "./line-time";

const NOW = new Date("2026-11-26T18:30:00Z");
const iso = (t: ReturnType<typeof lineTime>) => t?.at.toISOString() ?? null;

describe("lineTime", () => {
  it("reads PostgreSQL's %m and %t prefixes with an explicit zone", () => {
    expect(iso(lineTime("postgres", "2026-11-26 18:00:01.123 UTC [1234] LOG:  server process (PID 5678) was terminated by signal 9: Killed", NOW))).toBe("2026-11-26T18:00:01.123Z");
    expect(iso(lineTime("postgres", "2026-11-26 18:00:01 UTC [1234] FATAL:  x", NOW))).toBe("2026-11-26T18:00:01.000Z");
    expect(iso(lineTime("postgres", "2026-11-26 19:00:01.5 +01 [1234] FATAL:  x", NOW))).toBe("2026-11-26T18:00:01.500Z");
    expect(iso(lineTime("postgres", "2026-11-26 23:30:01.000 +0530 [1234] FATAL:  x", NOW))).toBe("2026-11-26T18:00:01.000Z");
    expect(iso(lineTime("postgres", "2026-11-26 14:30:01.000 -03:30 [1234] FATAL:  x", NOW))).toBe("2026-11-26T18:00:01.000Z");
  });
  it("does not guess a named zone other than UTC/GMT", () => {
    expect(lineTime("postgres", "2026-11-26 19:00:01.123 CET [1234] FATAL:  x", NOW)).toBeNull();
    expect(lineTime("postgres", "\twhere id in (select 1)", NOW)).toBeNull();
  });
  it("reads Odoo's UTC stamp", () => {
    const t = lineTime("odoo", "2026-11-26 18:00:01,123 1234 ERROR dbname odoo.service.server: boom", NOW);
    expect(iso(t)).toBe("2026-11-26T18:00:01.123Z");
    expect(t!.text).toBe("2026-11-26 18:00:01,123 1234");
    expect(lineTime("odoo", "Traceback (most recent call last):", NOW)).toBeNull();
  });
  it("reads dmesg -T and journalctl -k stamps; plain dmesg has none", () => {
    expect(iso(lineTime("kernel", "[Thu Nov 26 18:00:01 2026] Out of memory: Killed process 4201 (postgres)", NOW))).toBe("2026-11-26T18:00:01.000Z");
    expect(iso(lineTime("kernel", "[Thu Nov  5 08:00:01 2026] Out of memory: Killed process 4201 (postgres)", NOW))).toBe("2026-11-05T08:00:01.000Z");
    expect(iso(lineTime("kernel", "Nov 26 18:00:01 db1 kernel: Out of memory: Killed process 4201 (postgres)", NOW))).toBe("2026-11-26T18:00:01.000Z");
    // Late December seen in early January is last year's.
    expect(iso(lineTime("kernel", "Dec 31 23:59:59 db1 kernel: Out of memory: Killed process 1 (x)", new Date("2027-01-01T00:10:00Z")))).toBe("2026-12-31T23:59:59.000Z");
    expect(lineTime("kernel", "[ 8123.441420] Out of memory: Killed process 4201 (postgres)", NOW)).toBeNull();
  });
});
