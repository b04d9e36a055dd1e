import { describe, it, expect } from "vitest";
import { cancelKey, cancelTriedAt, markCancelTried } from "./cancel-memory";

describe("cancel memory", () => {
  it("remembers a cancel per session identity (pid and backend start)", () => {
    const k = cancelKey("default", 42, "2026-03-21 10:00:00.1+00");
    expect(cancelTriedAt(k)).toBeNull();
    markCancelTried(k, 1000);
    expect(cancelTriedAt(k)).toBe(1000);
    // Same pid, another session: not tried.
    expect(cancelTriedAt(cancelKey("default", 42, "2026-03-21 11:00:00+00"))).toBeNull();
  });
});
