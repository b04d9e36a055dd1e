import { describe, expect, it } from "vitest";
import { reasonText } from "./triage-text";

describe("reasonText", () => {
  it("says each reason in a few words", () => {
    expect(reasonText({ kind: "blocker", waiters: 12, longestWaitMs: 180_000 })).toBe("blocks 12 sessions (longest wait 3m 00s)");
    expect(reasonText({ kind: "blocker", waiters: 1, longestWaitMs: null })).toBe("blocks 1 session");
    expect(reasonText({ kind: "memory", bytes: 1.9 * 2 ** 30, measure: "pss" })).toMatch(/^PSS 1\.9 GiB$/);
    expect(reasonText({ kind: "temp_files", bytes: 3 * 2 ** 30 })).toMatch(/^temp files 3(\.0)? GiB$/);
    expect(reasonText({ kind: "long_query", ms: 240_000 })).toBe("running 4m 00s");
    expect(reasonText({ kind: "idle_in_transaction", ms: 14 * 60_000 })).toBe("idle in transaction 14m 00s");
  });
});
