import { describe, expect, it } from "vitest";
import { decideLockout, type ReserveFacts } from "./lockout";
import { setReservedConnectionsSql } from "./sql";

const pg18: ReserveFacts = {
  serverVersionNum: 180004,
  role: "triage",
  superuser: false,
  maxConnections: 100,
  superuserReserved: 3,
  reserved: 3,
  reservedRoleUsable: true,
  appRoles: [{ role: "odoo", connectionLimit: -1, sessions: 40 }],
};
const pg15: ReserveFacts = { ...pg18, serverVersionNum: 150014, reserved: null, reservedRoleUsable: null };

describe("decideLockout on PostgreSQL 16+", () => {
  it("is ok when the role may use reserved_connections", () => {
    const v = decideLockout(pg18);
    expect(v).toMatchObject({ level: "ok", reserve: 3, reservedBy: ["reserved_connections"], statements: [] });
  });

  it("asks for the GRANT when the slots exist but the role may not use them", () => {
    const v = decideLockout({ ...pg18, reservedRoleUsable: false });
    expect(v.level).toBe("warning");
    expect(v.reserve).toBe(0);
    expect(v.summary).toMatch(/could be locked out/);
    expect(v.statements).toEqual(['grant pg_use_reserved_connections to "triage";']);
  });

  it("asks for the GRANT and ALTER SYSTEM (with a restart note) when nothing is reserved", () => {
    const v = decideLockout({ ...pg18, reserved: 0, reservedRoleUsable: false, role: 'we"ird' });
    expect(v.statements).toEqual(['grant pg_use_reserved_connections to "we""ird";', "alter system set reserved_connections = 3;"]);
    expect(v.notes.join(" ")).toMatch(/restart/);
  });

  it("warns when the reserve is smaller than the console's two kept connections", () => {
    const v = decideLockout({ ...pg18, reserved: 1 });
    expect(v).toMatchObject({ level: "warning", reserve: 1, statements: ["alter system set reserved_connections = 3;"] });
    expect(v.summary).toMatch(/only 1 reserved slot/);
  });

  it("counts both reserves for a superuser role", () => {
    const v = decideLockout({ ...pg18, superuser: true, reservedRoleUsable: true });
    expect(v).toMatchObject({ level: "ok", reserve: 6, reservedBy: ["superuser_reserved_connections", "reserved_connections"] });
  });

  it("warns when the new reserve would not leave max_connections room", () => {
    const v = decideLockout({ ...pg18, maxConnections: 6, reserved: 0 });
    expect(v.notes.join(" ")).toMatch(/must stay below max_connections \(6\)/);
  });
});

describe("decideLockout on PostgreSQL 15 and older", () => {
  it("is ok for a superuser role (superuser_reserved_connections)", () => {
    expect(decideLockout({ ...pg15, superuser: true })).toMatchObject({ level: "ok", reserve: 3, reservedBy: ["superuser_reserved_connections"] });
  });

  it("advises CONNECTION LIMIT headroom on the application roles for a non-superuser console", () => {
    const v = decideLockout({ ...pg15, appRoles: [{ role: "odoo", connectionLimit: -1, sessions: 40 }, { role: "report", connectionLimit: 10, sessions: 2 }] });
    expect(v.level).toBe("warning");
    expect(v.summary).toMatch(/could be locked out.*superusers only/);
    // (100 - 3 - 3) / 2 = 47 each; "report" is already under its share.
    expect(v.statements).toEqual(['alter role "odoo" connection limit 47;']);
    expect(v.notes.join(" ")).toMatch(/connection_limit guardrail/);
  });

  it("is ok when the application roles' limits already leave the console room", () => {
    const v = decideLockout({ ...pg15, appRoles: [{ role: "odoo", connectionLimit: 90, sessions: 40 }] });
    expect(v).toMatchObject({ level: "ok", statements: [] });
  });

  it("asks a superuser console without reserve for superuser_reserved_connections", () => {
    const v = decideLockout({ ...pg15, superuser: true, superuserReserved: 0 });
    expect(v).toMatchObject({ level: "warning", statements: ["alter system set superuser_reserved_connections = 3;"] });
  });
});

describe("setReservedConnectionsSql", () => {
  it("takes only the two reserve settings and a small integer", () => {
    expect(setReservedConnectionsSql("superuser_reserved_connections", 3)).toBe("alter system set superuser_reserved_connections = 3");
    expect(() => setReservedConnectionsSql("work_mem" as never, 3)).toThrow(/not a reserve setting/);
    expect(() => setReservedConnectionsSql("reserved_connections", 2.5)).toThrow(/bad/);
  });
});
