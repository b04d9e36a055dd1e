import { describe, expect, it } from "vitest";
import type { AlertEventView, FiringAlert } from "@/lib/alerts";
import { CLEARED_SHOWN_MS, recentlyCleared } from "./recently-cleared";

const now = Date.parse("2026-11-26T10:30:00Z");
const ev = (rule: string, state: "firing" | "resolved", at: string, message = `${state} ${rule}`): AlertEventView => ({
  id: `${rule}-${at}`, rule, state, value: 0, threshold: 300, message, at, webhook: "none", webhookError: null,
});
const firing = (rule: FiringAlert["rule"]): FiringAlert => ({ rule, message: "x", value: 1, threshold: 0, since: "2026-11-26T10:29:00Z" });

describe("recentlyCleared", () => {
  it("shows each rule's latest resolution within the window, newest first", () => {
    const recent = [
      ev("idle_in_transaction_age", "resolved", "2026-11-26T10:28:00Z", "cleared: longest idle in transaction now 0 s, threshold 300 s"),
      ev("idle_in_transaction_age", "firing", "2026-11-26T10:20:00Z"),
      ev("swap_in_high", "resolved", "2026-11-26T10:29:00Z"),
      ev("mem_available_low", "resolved", new Date(now - CLEARED_SHOWN_MS - 1).toISOString()),
    ];
    expect(recentlyCleared(recent, [], now).map((e) => e.rule)).toEqual(["swap_in_high", "idle_in_transaction_age"]);
  });
  it("leaves out a rule that fired again after it cleared", () => {
    const recent = [ev("swap_in_high", "firing", "2026-11-26T10:29:30Z"), ev("swap_in_high", "resolved", "2026-11-26T10:29:00Z")];
    expect(recentlyCleared(recent, [firing("swap_in_high")], now)).toEqual([]);
  });
});
