import { describe, expect, it } from "vitest";
import { can, deniedReason, isPermission, isRole, minimumRole, permissions, ROLE_PERMISSIONS, roles, type Permission } from "./permissions";

const READ_ONLY: Permission[] = ["sessions.read", "guardrails.read", "audit.read", "audit.export", "incidents.read", "tokens.self"];
// commands.run: each configured command also names its least role (operator or admin).
const OPERATOR_ADDS: Permission[] = ["sessions.cancel", "sessions.terminate", "sessions.bulk", "guardrails.write", "helm.take", "incidents.write", "commands.run"];
const ADMIN_ONLY: Permission[] = ["users.admin"];

describe("permissions", () => {
  it("covers every permission exactly once across the three tiers", () => {
    expect([...READ_ONLY, ...OPERATOR_ADDS, ...ADMIN_ONLY].sort()).toEqual([...permissions].sort());
  });

  it("viewer is read-only", () => {
    expect([...ROLE_PERMISSIONS.viewer].sort()).toEqual([...READ_ONLY].sort());
    for (const p of [...OPERATOR_ADDS, ...ADMIN_ONLY]) expect(can("viewer", p)).toBe(false);
  });

  it("operator adds cancel, terminate, bulk, guardrails, helm, incidents and commands; not users", () => {
    expect([...ROLE_PERMISSIONS.operator].sort()).toEqual([...READ_ONLY, ...OPERATOR_ADDS].sort());
    for (const p of ADMIN_ONLY) expect(can("operator", p)).toBe(false);
  });

  it("admin has everything", () => {
    for (const p of permissions) expect(can("admin", p)).toBe(true);
  });

  it("keeps cancel and terminate separate permissions", () => {
    expect(permissions).toContain("sessions.cancel");
    expect(permissions).toContain("sessions.terminate");
    expect("sessions.cancel").not.toBe("sessions.terminate");
  });

  it("roles are ordered by privilege: each includes the one before", () => {
    for (let i = 1; i < roles.length; i++) {
      for (const p of ROLE_PERMISSIONS[roles[i - 1]]) expect(can(roles[i], p)).toBe(true);
    }
  });

  it("denies unknown roles and empty values", () => {
    expect(can("root", "sessions.read")).toBe(false);
    expect(can(undefined, "sessions.read")).toBe(false);
    expect(can(null, "sessions.read")).toBe(false);
    expect(can("", "sessions.read")).toBe(false);
    expect(can("__proto__", "sessions.read")).toBe(false);
  });

  it("cannot be widened at run time", () => {
    expect(() => (ROLE_PERMISSIONS.viewer as Permission[]).push("users.admin")).toThrow();
    expect(can("viewer", "users.admin")).toBe(false);
  });

  it("names the role a denied user would need", () => {
    expect(minimumRole("sessions.read")).toBe("viewer");
    expect(minimumRole("sessions.terminate")).toBe("operator");
    expect(minimumRole("users.admin")).toBe("admin");
    expect(deniedReason("viewer", "sessions.cancel")).toBe("Requires the operator role (you are a viewer)");
    expect(deniedReason("operator", "users.admin")).toBe("Requires the admin role (you are an operator)");
    expect(deniedReason("admin", "users.admin")).toBeNull();
  });

  it("type guards", () => {
    expect(isRole("operator")).toBe(true);
    expect(isRole("Operator")).toBe(false);
    expect(isPermission("sessions.bulk")).toBe(true);
    expect(isPermission("sessions.kill")).toBe(false);
  });
});
