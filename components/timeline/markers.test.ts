import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/report";
import { eventMarkers } from "./markers";

const ev = (i: number, kind: TimelineEvent["kind"], o: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: `${kind}:${i}`, at: new Date(Date.UTC(2026, 10, 26, 10, 0, i)).toISOString(), kind, actor: kind === "signal" ? null : "alice", title: `t${i}`, detail: null, outcome: null, code: null, ...o,
});

describe("eventMarkers", () => {
  it("one marker per event, oldest first, with who and what in its text", () => {
    const m = eventMarkers([ev(2, "action", { title: "Cancel pid 7", outcome: "refused" }), ev(1, "signal", { title: "postgres log: fatal" })]);
    expect(m.map((x) => x.id)).toEqual(["signal:1", "action:2"]);
    expect(m[1].text).toBe("2026-11-26 10:00:02 UTC action by alice: Cancel pid 7 (refused)");
  });
  it("over the cap, signal lines give way to people's actions (the newest signals kept)", () => {
    const events = [...Array.from({ length: 10 }, (_, i) => ev(i, "signal")), ev(20, "guardrail"), ev(21, "step")];
    const m = eventMarkers(events, 5);
    expect(m.map((x) => x.id)).toEqual(["signal:7", "signal:8", "signal:9", "guardrail:20", "step:21"]);
  });
});
