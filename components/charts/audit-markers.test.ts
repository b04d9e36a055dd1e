import { describe, it, expect } from "vitest";
import type { AuditEntry } from "@/lib/audit";
import { addMarkers, markersIn, toMarker } from "./audit-markers";

const entry = (id: string, at: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at,
  phase: "outcome",
  intentId: null,
  action: "session.terminate",
  targetId: "default",
  actor: { userId: "u", username: "bob", role: "operator", via: "session", clientAddr: "::1", userAgent: null },
  subject: { pid: 77 },
  sql: null,
  reason: null,
  outcome: "ok",
  message: null,
  durationMs: 1,
  ...over,
});

describe("audit markers", () => {
  it("marks outcome rows of this target only, naming action, pid and actor", () => {
    const m = toMarker(entry("1", "2026-03-21T10:00:00Z"), "default");
    expect(m?.text).toMatch(/session\.terminate pid 77 by bob: ok$/);
    expect(toMarker(entry("2", "2026-03-21T10:00:00Z", { phase: "intent" }), "default")).toBeNull();
    expect(toMarker(entry("3", "2026-03-21T10:00:00Z", { targetId: "other" }), "default")).toBeNull();
  });

  it("merges without duplicates, ordered by time, and filters to the chart's range", () => {
    let ms = addMarkers([], [entry("2", "2026-03-21T10:00:02Z"), entry("1", "2026-03-21T10:00:01Z")], "default");
    ms = addMarkers(ms, [entry("2", "2026-03-21T10:00:02Z")], "default");
    expect(ms.map((m) => m.id)).toEqual(["1", "2"]);
    expect(markersIn(ms, Date.parse("2026-03-21T10:00:02Z"), Date.parse("2026-03-21T10:05:00Z")).map((m) => m.id)).toEqual(["2"]);
  });
});
