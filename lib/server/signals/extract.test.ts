import { describe, expect, it } from "vitest";
import { extractSignals, lineHash } from "./extract";
import { fixtureLines } from "./fixtures/read";

const SEEN = new Date("2026-11-26T18:30:00Z");

describe("extractSignals", () => {
  it("stamps each matching line with its own time, a traceback with its ERROR line's", () => {
    const r = extractSignals("odoo", fixtureLines("odoo.log"), SEEN);
    const tb = r.find((x) => x.kind === "traceback")!;
    expect(tb.at.toISOString()).toBe("2026-11-26T18:00:03.250Z");
    expect(r.find((x) => x.kind === "memory_error")!.at.toISOString()).toBe("2026-11-26T18:00:03.250Z");
    expect(r.find((x) => x.kind === "http_500")!.at.toISOString()).toBe("2026-11-26T18:00:03.300Z");
  });
  it("falls back to the time first seen", () => {
    const [k] = extractSignals("kernel", ["[ 8123.441420] Out of memory: Killed process 4201 (postgres) total-vm:2488408kB"], SEEN);
    expect(k).toMatchObject({ kind: "oom_kill", at: SEEN });
    const [t] = extractSignals("odoo", ["Traceback (most recent call last):"], SEEN);
    expect(t.at).toBe(SEEN);
  });
  it("hashes source + line: the same line read twice is one, the same text under another stamp is another", () => {
    const lines = fixtureLines("postgres.log");
    const a = extractSignals("postgres", lines, SEEN);
    const b = extractSignals("postgres", lines, new Date());
    expect(b.map((x) => x.lineHash)).toEqual(a.map((x) => x.lineHash));
    expect(a[0].lineHash).toBe(lineHash("postgres", lines[1]));
    expect(a[0].lineHash).not.toBe(lineHash("odoo", lines[1]));
    const tb = (stamp: string) => extractSignals("odoo", [`${stamp} 1241 ERROR odoo odoo.http: Exception during request handling.`, "Traceback (most recent call last):"], SEEN)[0];
    expect(tb("2026-11-26 18:00:03,250").lineHash).not.toBe(tb("2026-11-26 19:00:03,250").lineHash);
  });
  it("cuts long lines and drops a trailing CR", () => {
    const [r] = extractSignals("postgres", [`2026-11-26 18:00:01.123 UTC [5678] ERROR:  out of memory ${"x".repeat(5000)}\r`], SEEN);
    expect(r.line.length).toBe(2000);
    const [c] = extractSignals("postgres", ["2026-11-26 18:00:01.123 UTC [5678] ERROR:  out of memory\r"], SEEN);
    expect(c.line.endsWith("memory")).toBe(true);
  });
  it("keeps a crashed backend's statement (the DETAIL line after it) with the line, and hashes the line alone", () => {
    const crash = "2026-11-26 18:00:02.456 UTC [1] LOG:  server process (PID 4242) was terminated by signal 9: Killed";
    const [r] = extractSignals("postgres", [crash, "2026-11-26 18:00:02.456 UTC [1] DETAIL:  Failed process was running: select *", "\tfrom big"], SEEN);
    expect(r).toMatchObject({ kind: "signal_9", line: `${crash}\nFailed process was running: select *\nfrom big`, lineHash: lineHash("postgres", crash) });
  });
});
