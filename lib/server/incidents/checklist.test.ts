import { describe, expect, it } from "vitest";
import { evidenceKinds, runbookSteps, type EvidenceKind } from "../../runbook";
import { buildChecklist } from "./checklist";
import { evidenceForStep, type EvidenceSet } from "./evidence";

const all = (status: "ok" | "bad" | "unknown"): EvidenceSet => Object.fromEntries(evidenceKinds.map((k) => [k, { kind: k, status, text: k }])) as Record<EvidenceKind, never>;

describe("checklist", () => {
  it("every runbook step in order; the newest row of a step wins", () => {
    const rows = [
      { stepKey: "3.1", checked: true, note: "quiet", by: "oscar", at: new Date("2026-11-26T18:00:00Z"), evidence: [{ kind: "oom_quiet", status: "ok", text: "x" }] },
      { stepKey: "3.1", checked: false, note: null, by: "alice", at: new Date("2026-11-26T18:05:00Z"), evidence: null },
      { stepKey: "0.1", checked: true, note: null, by: "alice", at: new Date("2026-11-26T17:00:00Z"), evidence: [] },
    ];
    const list = buildChecklist(rows, all("ok"));
    expect(list.map((s) => s.key)).toEqual(runbookSteps.map((s) => s.key));
    expect(list.find((s) => s.key === "3.1")).toMatchObject({ checked: false, by: "alice", note: null, evidenceAtCheck: null, evidence: [{ kind: "oom_quiet", status: "ok" }] });
    expect(list.find((s) => s.key === "0.1")).toMatchObject({ checked: true, by: "alice", evidence: [] });
    expect(buildChecklist([], null).every((s) => s.evidence.length === 0 && !s.checked)).toBe(true);
  });

  it("rolling back the guardrails (rollback.1) is done when none is in force", () => {
    const step = (key: string) => runbookSteps.find((s) => s.key === key)!;
    expect(evidenceForStep(step("2.3"), all("ok"))[0].status).toBe("ok");
    expect(evidenceForStep(step("rollback.1"), all("ok"))[0].status).toBe("bad");
    expect(evidenceForStep(step("rollback.1"), all("bad"))[0].status).toBe("ok");
    expect(evidenceForStep(step("rollback.1"), all("unknown"))[0].status).toBe("unknown");
  });
});
