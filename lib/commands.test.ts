import { describe, expect, it } from "vitest";
import { commandDeniedReason, exitOfSummary, exitSummary } from "./commands";

describe("commandDeniedReason", () => {
  it("lets a role at or above the command's run it", () => {
    expect(commandDeniedReason("operator", "operator")).toBeNull();
    expect(commandDeniedReason("admin", "operator")).toBeNull();
    expect(commandDeniedReason("admin", "admin")).toBeNull();
  });

  it("names the role needed and the caller's", () => {
    expect(commandDeniedReason("operator", "admin")).toBe("Requires the admin role (you are an operator)");
    expect(commandDeniedReason("viewer", "operator")).toBe("Requires the operator role (you are a viewer)");
    expect(commandDeniedReason("viewer", "admin")).toBe("Requires the admin role (you are a viewer)");
  });

  it("denies an unknown role", () => {
    expect(commandDeniedReason("superuser", "operator")).toBe("Requires the operator role");
    expect(commandDeniedReason(null, "operator")).toBe("Requires the operator role");
  });
});

describe("exit summaries", () => {
  it("round-trips what exitSummary writes", () => {
    for (const r of [{ exitCode: 0, timedOut: false }, { exitCode: 3, timedOut: false }, { exitCode: 124, timedOut: false }, { exitCode: null, timedOut: true }]) {
      expect(exitOfSummary(exitSummary(r, 30))).toEqual(r);
    }
    expect(exitSummary({ exitCode: null, timedOut: true }, 30)).toBe("killed after 30 s (timeout)");
    expect(exitSummary({ exitCode: null, timedOut: false }, 30)).toBe("killed by a signal");
  });

  it("reads anything else as neither an exit code nor a timeout", () => {
    expect(exitOfSummary("host unreachable: ssh: connect ECONNREFUSED 127.0.0.1:1")).toEqual({ exitCode: null, timedOut: false });
    expect(exitOfSummary("exit 3 and more")).toEqual({ exitCode: null, timedOut: false });
    expect(exitOfSummary("")).toEqual({ exitCode: null, timedOut: false });
  });
});
