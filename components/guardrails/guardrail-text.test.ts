import { describe, expect, it } from "vitest";
import { conflictsOf, connectionLimitText, directionText, expiresInText, failuresOf, groupByRole, HELM_NEEDED, minutesOf, preChangeText, raisesText, recycleLabel, sourceLabel, writeBlockReason } from "./guardrail-text";
import { levelText, type ActiveGuardrail, type DiffRow, type InForceSetting } from "./types";

const g = (over: Partial<ActiveGuardrail> = {}): ActiveGuardrail => ({
  id: "g1", role: "odoo", database: "erp", setting: "work_mem", value: "16MB", prior: null, current: "16MB", changedOutside: false,
  appliedAt: "2026-01-01T00:00:00Z", appliedBy: "oscar", expiresAt: null, expiryBlocked: false, sessionsBeforeChange: null, ...over,
});
const s = (over: Partial<InForceSetting> = {}): InForceSetting => ({ role: "odoo", database: "erp", setting: "work_mem", value: "16MB", source: "external", ...over });
const helm = { holder: "oscar", holderUserId: "u1", since: "2026-01-01T00:00:00Z", lastActiveAt: "2026-01-01T00:00:00Z" };

describe("sourceLabel", () => {
  it("names ours, changed outside at a guardrail's scope, and external", () => {
    expect(sourceLabel(s({ source: "pg-triage" }), [g()])).toBe("pg-triage");
    expect(sourceLabel(s({ value: "64MB" }), [g({ changedOutside: true })])).toBe("changed outside pg-triage");
    expect(sourceLabel(s({ database: null }), [g()])).toBe("external");
  });
});

describe("groupByRole", () => {
  it("puts Odoo's roles first, role-wide rows before per-database ones, and keeps roles that cannot log in", () => {
    const groups = groupByRole({
      roles: [{ role: "alice", connectionLimit: -1, superuser: false, sessions: 0 }, { role: "odoo", connectionLimit: 50, superuser: false, sessions: 3 }],
      settings: [s(), s({ database: null, setting: "statement_timeout", value: "60s" }), s({ role: "nologin_role", database: null })],
    });
    expect(groups.map((x) => x.role)).toEqual(["odoo", "alice", "nologin_role"]);
    expect(groups[0].rows.map((r) => r.database)).toEqual([null, "erp"]);
    expect(groups[2].connectionLimit).toBeNull();
  });
});

describe("labels", () => {
  it("says the connection limit, the pre-change sessions and the recycle action", () => {
    expect(connectionLimitText(-1)).toBe("no limit");
    expect(connectionLimitText(20)).toBe("20");
    expect(preChangeText("odoo", { sessions: 3, idle: 2 })).toBe("3 sessions of odoo started before the change (2 idle)");
    expect(recycleLabel(2)).toBe("Recycle 2 idle sessions");
    expect(recycleLabel(1)).toBe("Recycle 1 idle session");
  });
  it("counts down the expiry", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(expiresInText(null, now)).toBe("no expiry");
    expect(expiresInText("2026-01-01T00:29:30Z", now)).toBe("in 30 min");
    expect(expiresInText("2026-01-01T02:05:00Z", now)).toBe("in 2 h 5 min");
    expect(expiresInText("2025-12-31T23:00:00Z", now)).toBe("due now");
  });
  it("passes minutes through for the server to judge", () => {
    expect(minutesOf(" ")).toBeUndefined();
    expect(minutesOf("30")).toBe(30);
    expect(minutesOf("1.5")).toBe(1.5);
    expect(minutesOf("soon")).toBe("soon");
  });
});

describe("writeBlockReason", () => {
  it("names the missing permission first, then the helm", () => {
    expect(writeBlockReason("Requires the operator role", helm, "oscar")).toBe("Requires the operator role");
    expect(writeBlockReason(null, null, "oscar")).toBe(HELM_NEEDED);
    expect(writeBlockReason(null, helm, "olga")).toBe(HELM_NEEDED);
    expect(writeBlockReason(null, helm, "oscar")).toBeNull();
  });
});

describe("revert all results", () => {
  it("turns conflicts into questions with both values and keeps other failures as messages", () => {
    const results = [
      { id: "g1", ok: false, error: { code: "conflict", message: "changed", applied: "16MB", current: "64MB", prior: "4MB" } },
      { id: "g2", ok: false, error: { code: "lock_timeout", message: "lock held" } },
      { id: "g3", ok: true },
    ];
    expect(conflictsOf(results, [g(), g({ id: "g2" })])).toEqual([{ id: "g1", role: "odoo", database: "erp", setting: "work_mem", applied: "16MB", current: "64MB", prior: "4MB" }]);
    expect(failuresOf(results)).toEqual(["lock held"]);
  });
});

describe("the emergency profile's diff", () => {
  const row = (over: Partial<DiffRow>): DiffRow => ({ role: "odoo", database: "erp", setting: "work_mem", value: "2MB", before: null, prior: null, supersedes: null, effective: { value: "4MB", level: "server" }, direction: "lower", needsConfirmation: false, ...over });
  it("names the level and the direction, and lists only the raises for the confirmation", () => {
    expect(levelText({ level: "database", database: "erp" })).toBe("database (all roles): erp");
    expect(levelText({ level: "role_in_database" })).toBe("role in database");
    expect(directionText("raise")).toBe("RAISE");
    expect(raisesText([row({}), row({ setting: "work_mem", value: "64MB", direction: "raise", needsConfirmation: true })])).toBe("work_mem 4MB → 64MB");
  });
});
