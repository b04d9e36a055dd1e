import { describe, expect, it } from "vitest";
import { backoffMs, classifyPgError, errorCode } from "./pg-errors";
import { cronWorkerName, pidLike, webWorkerName } from "./app-names";

function pgError(code: string, message = "x") {
  return Object.assign(new Error(message), { code });
}

describe("classifyPgError", () => {
  it("keeps the connection after a cancel", () => {
    expect(classifyPgError(pgError("57014", "canceling statement due to user request"))).toBe("cancelled");
  });
  it("reconnects after a terminate, a timeout that ends the session, or a restart", () => {
    expect(classifyPgError(pgError("57P01", "terminating connection due to administrator command"))).toBe("terminated");
    expect(classifyPgError(pgError("25P03"))).toBe("terminated");
    expect(classifyPgError(pgError("57P03", "the database system is shutting down"))).toBe("terminated");
  });
  it("treats socket errors and pg's own connection messages as connection failures", () => {
    expect(classifyPgError(pgError("ECONNREFUSED"))).toBe("connection");
    expect(classifyPgError(new Error("Connection terminated unexpectedly"))).toBe("connection");
    expect(classifyPgError(new Error("Client has encountered a connection error and is not queryable"))).toBe("connection");
  });
  it("leaves anything else as other", () => {
    expect(classifyPgError(pgError("40P01", "deadlock detected"))).toBe("other");
    expect(classifyPgError("boom")).toBe("other");
    expect(classifyPgError(undefined)).toBe("other");
  });
});

describe("backoffMs", () => {
  const noJitter = { random: () => 0 };
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, noJitter))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(20, noJitter)).toBe(10_000);
    expect(backoffMs(0, noJitter)).toBe(500);
  });
  it("adds at most 20 % jitter", () => {
    expect(backoffMs(1, { random: () => 0.999 })).toBeLessThanOrEqual(600);
    expect(backoffMs(3, { baseMs: 100, maxMs: 300, random: () => 0.5 })).toBe(330);
  });
});

describe("errorCode", () => {
  it("returns the SQLSTATE or null", () => {
    expect(errorCode(pgError("57P01"))).toBe("57P01");
    expect(errorCode(new Error("x"))).toBeNull();
  });
});

describe("application names", () => {
  it("look like Odoo's", () => {
    expect(webWorkerName(() => 0)).toBe("odoo-1000");
    expect(webWorkerName()).toMatch(/^odoo-\d{4,5}$/);
    expect(cronWorkerName(2)).toBe("odoo-cron-2");
    expect(pidLike(() => 0.99999)).toBeLessThan(99_000);
  });
});
