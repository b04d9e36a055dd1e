import { describe, expect, it } from "vitest";
import { exitText, lastRunText, runningText, toneOf } from "./command-text";

describe("command text", () => {
  it("says how a run ended", () => {
    expect(exitText({ exitCode: 0, timedOut: false }, 30)).toBe("Exit 0 — succeeded");
    expect(exitText({ exitCode: 3, timedOut: false }, 30)).toBe("Exit 3 — failed");
    expect(exitText({ exitCode: null, timedOut: true }, 30)).toBe("Killed after 30 s (timeout)");
    expect(exitText({ exitCode: null, timedOut: false }, 30)).toBe("Killed by a signal");
    expect(toneOf({ exitCode: 0, timedOut: false })).toBe("ok");
    expect(toneOf({ exitCode: 124, timedOut: false })).toBe("bad");
  });

  it("words the last run and a run in flight", () => {
    const last = { at: "2026-11-26T18:00:00Z", by: "oscar", exitCode: 0, timedOut: false, outcome: "ok" as const, summary: "exit 0", durationMs: 120 };
    expect(lastRunText(last)).toBe("exit 0 in 120 ms by oscar");
    expect(lastRunText({ ...last, summary: "host unreachable: ssh: connect ECONNREFUSED", durationMs: null, outcome: "error" })).toBe("host unreachable: ssh: connect ECONNREFUSED by oscar");
    expect(runningText(4321)).toBe("running… 4 s");
    expect(runningText(300)).toBe("running… 0 s");
    expect(runningText(125_000)).toBe("running… 2m 05s");
  });
});
