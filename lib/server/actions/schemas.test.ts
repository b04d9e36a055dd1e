import { describe, expect, it } from "vitest";
import { bulkBodySchema, sessionParamsSchema, signalBodySchema } from "./schemas";

const BS = "2026-03-21 10:00:00.123456+00";
const firstIssue = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  r.success ? null : `${r.error!.issues[0].path.join(".")}: ${r.error!.issues[0].message}`;

describe("sessionParamsSchema", () => {
  it("takes a positive 32-bit pid from the path", () => {
    expect(sessionParamsSchema.parse({ id: "default", pid: "12345" })).toEqual({ id: "default", pid: 12345 });
    expect(sessionParamsSchema.parse({ id: "t", pid: "2147483647" }).pid).toBe(2147483647);
  });
  it.each(["0", "-1", "2147483648", "12a", "1.5", "", "0012", "99999999999"])("refuses pid %j, naming pid", (pid) => {
    expect(firstIssue(sessionParamsSchema.safeParse({ id: "t", pid }))).toMatch(/^pid: must be a positive 32-bit integer/);
  });
  it("refuses a malformed target id", () => {
    expect(firstIssue(sessionParamsSchema.safeParse({ id: "a b", pid: "1" }))).toMatch(/^id:/);
  });
});

describe("signalBodySchema", () => {
  it("accepts backendStart as PostgreSQL prints it and trims the reason", () => {
    expect(signalBodySchema.parse({ backendStart: BS, reason: "  report eats RAM " })).toEqual({ backendStart: BS, reason: "report eats RAM" });
    expect(signalBodySchema.parse({ backendStart: "2026-03-21 10:00:00+05:30" }).reason).toBeUndefined();
    expect(signalBodySchema.parse({ backendStart: BS, reason: "   " }).reason).toBeUndefined();
  });
  it("names backendStart when it is missing or not a timestamp with an offset", () => {
    expect(firstIssue(signalBodySchema.safeParse({}))).toMatch(/^backendStart: is required/);
    expect(firstIssue(signalBodySchema.safeParse({ backendStart: "yesterday" }))).toMatch(/^backendStart: must be/);
    expect(firstIssue(signalBodySchema.safeParse({ backendStart: "2026-03-21 10:00:00" }))).toMatch(/^backendStart:/);
    expect(firstIssue(signalBodySchema.safeParse({ backendStart: 5 }))).toMatch(/^backendStart: must be a string/);
  });
  it("refuses a reason over 500 characters and unknown fields", () => {
    expect(firstIssue(signalBodySchema.safeParse({ backendStart: BS, reason: "x".repeat(501) }))).toMatch(/^reason: must be at most 500/);
    expect(signalBodySchema.safeParse({ backendStart: BS, reason: "x".repeat(500) }).success).toBe(true);
    expect(signalBodySchema.safeParse({ backendStart: BS, pid: 3 }).success).toBe(false);
  });
});

describe("bulkBodySchema", () => {
  const ok = { action: "terminate", filter: { state: "idle in transaction", minXactSeconds: 120 }, dryRun: true };
  it("accepts a preview and a confirmation with the previewed list", () => {
    expect(bulkBodySchema.parse(ok)).toMatchObject(ok);
    const confirm = bulkBodySchema.parse({ ...ok, dryRun: false, sessions: [{ pid: 7, backendStart: BS }], reason: "step 2.2" });
    expect(confirm.sessions).toEqual([{ pid: 7, backendStart: BS }]);
  });
  it("refuses a filter with no criterion: no terminate-everything by accident", () => {
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, filter: {} }))).toMatch(/^filter: needs at least one criterion/);
    expect(bulkBodySchema.safeParse({ ...ok, filter: { application: "" } }).success).toBe(false);
  });
  it("requires the previewed sessions to confirm, at most 500 of them", () => {
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, dryRun: false }))).toMatch(/^sessions: is required/);
    const many = Array.from({ length: 501 }, (_, i) => ({ pid: i + 1, backendStart: BS }));
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, dryRun: false, sessions: many }))).toMatch(/^sessions: must list at most 500/);
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, dryRun: false, sessions: [{ pid: 0, backendStart: BS }] }))).toMatch(/^sessions\.0\.pid:/);
  });
  it("names bad fields", () => {
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, action: "kill" }))).toMatch(/^action:/);
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, filter: { state: "sleeping" } }))).toMatch(/^filter\.state:/);
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, filter: { minQuerySeconds: -1 } }))).toMatch(/^filter\.minQuerySeconds:/);
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, dryRun: "yes" }))).toMatch(/^dryRun:/);
    expect(firstIssue(bulkBodySchema.safeParse({ ...ok, filter: { user: "odoo", everything: true } }))).toMatch(/filter/);
  });
});

describe("bulk filter: connection age, client address, application glob", () => {
  const body = (filter: Record<string, unknown>) => ({ action: "cancel", filter, dryRun: true });
  it("accepts and normalizes them", () => {
    expect(bulkBodySchema.parse(body({ minConnectionSeconds: 30, clientAddr: " 10.0.0.0/08 ", application: "odoo-*" })).filter).toEqual({ minConnectionSeconds: 30, clientAddr: "10.0.0.0/8", application: "odoo-*" });
  });
  it("names the field of a bad one", () => {
    expect(firstIssue(bulkBodySchema.safeParse(body({ clientAddr: "10.0.0.256" })))).toMatch(/^filter\.clientAddr: /);
    expect(firstIssue(bulkBodySchema.safeParse(body({ clientAddr: 10 })))).toMatch(/^filter\.clientAddr: /);
    expect(firstIssue(bulkBodySchema.safeParse(body({ minConnectionSeconds: -5 })))).toMatch(/^filter\.minConnectionSeconds: must be 0 or more/);
    expect(firstIssue(bulkBodySchema.safeParse(body({ application: "" })))).toMatch(/^filter\.application: /);
  });
  it("takes the previewed state and queryStart on confirm", () => {
    const sessions = [{ pid: 1, backendStart: BS, state: "active", queryStart: BS }, { pid: 2, backendStart: BS, state: null, queryStart: null }];
    expect(bulkBodySchema.parse({ action: "cancel", filter: { user: "odoo" }, dryRun: false, sessions }).sessions).toEqual(sessions);
    expect(firstIssue(bulkBodySchema.safeParse({ action: "cancel", filter: { user: "odoo" }, dryRun: false, sessions: [{ pid: 1, backendStart: BS, queryStart: "soon" }] }))).toMatch(/^sessions\.0\.queryStart: /);
  });
});
