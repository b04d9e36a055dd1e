import { describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit";
import { actionState, firstOf, NO_OUTCOME_AFTER_MS, pairEntries } from "./audit-pairs";
import { auditRows } from "./server/report/report-fixture";

// The fixture's outcome rows (as lib/server/actions, guardrails and commands write them), with their intents.
const intentOf = (o: AuditEntry): AuditEntry => ({ ...o, id: o.intentId!, intentId: null, phase: "intent", outcome: null, message: null, durationMs: null, at: new Date(Date.parse(o.at) - 40).toISOString() });
const cancel = auditRows.find((r) => r.action === "session.cancel")!;
const command = auditRows.find((r) => r.action === "command.run")!;
const refused = auditRows.find((r) => r.outcome === "refused")!;

describe("pairEntries", () => {
  it("pairs each intent with its outcome, whatever order the rows come in, newest action first", () => {
    const rows = pairEntries([cancel, intentOf(command), intentOf(cancel), command]);
    expect(rows.map((r) => [r.key, r.intent?.id, r.outcome?.id])).toEqual([
      [command.intentId, command.intentId, command.id],
      [cancel.intentId, cancel.intentId, cancel.id],
    ]);
    expect(rows.every((r) => actionState(r, Date.parse(r.outcome!.at)) === "done")).toBe(true);
  });

  it("a refusal is an outcome alone; a duplicate row (page and live) counts once", () => {
    const rows = pairEntries([refused, refused, intentOf(cancel), cancel]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ key: refused.id, intent: null, outcome: { outcome: "refused" } });
    expect(firstOf(rows[0])).toBe(refused);
    expect(firstOf(rows[1]).phase).toBe("intent");
  });

  it("an intent without an outcome is pending, then 'no outcome recorded' after NO_OUTCOME_AFTER_MS", () => {
    const [row] = pairEntries([intentOf(command)]);
    const at = Date.parse(row.intent!.at);
    expect(actionState(row, at + 5000)).toBe("pending");
    expect(actionState(row, at + NO_OUTCOME_AFTER_MS + 1)).toBe("no_outcome");
  });

  it("an error outcome pairs like any other and keeps its message", () => {
    const failed: AuditEntry = { ...command, id: "31", intentId: "30", outcome: "error", message: "killed after 30 s (timeout)" };
    const [row] = pairEntries([failed, intentOf(failed)]);
    expect(row.outcome).toMatchObject({ outcome: "error", message: "killed after 30 s (timeout)" });
    expect(actionState(row, Date.now())).toBe("done");
  });

  it("orders ids as numbers, not text", () => {
    const a = { ...refused, id: "9" };
    const b = { ...refused, id: "10" };
    expect(pairEntries([a, b]).map((r) => r.key)).toEqual(["10", "9"]);
  });
});

describe("interrupted", () => {
  it("an intent whose console stopped reads as interrupted, not done and not 'no outcome'", () => {
    const interrupted: AuditEntry = { ...command, id: "41", intentId: "40", outcome: "interrupted", message: "the console that ran this stopped while it ran; …", durationMs: null };
    const [row] = pairEntries([intentOf(interrupted), interrupted]);
    expect(row).toMatchObject({ key: "40", intent: { id: "40" }, outcome: { outcome: "interrupted" } });
    expect(actionState(row, Date.parse(interrupted.at) + NO_OUTCOME_AFTER_MS * 2)).toBe("interrupted");
  });
});
