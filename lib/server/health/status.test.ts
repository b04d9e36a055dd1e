import { describe, expect, it } from "vitest";
import { reduceHealth, type HealthComponent } from "./status";

const store = (status: HealthComponent["status"]): HealthComponent => ({ name: "store", status, critical: true });
const monitor = (status: HealthComponent["status"]): HealthComponent => ({ name: "monitor:prod", status });

describe("reduceHealth", () => {
  it("is ok with no components, and when every one is ok or a non-critical one is starting", () => {
    expect(reduceHealth([])).toBe("ok");
    expect(reduceHealth([store("ok"), monitor("ok"), { name: "host:prod", status: "ok" }])).toBe("ok");
    expect(reduceHealth([store("ok"), monitor("starting")])).toBe("ok");
  });

  it("is degraded when a non-critical component is down or degraded", () => {
    expect(reduceHealth([store("ok"), monitor("down")])).toBe("degraded");
    expect(reduceHealth([store("ok"), monitor("ok"), { name: "action-connection:prod", status: "degraded" }])).toBe("degraded");
  });

  it("is degraded while a critical component is degraded or (re)starting: the store being restarted", () => {
    expect(reduceHealth([store("degraded"), monitor("ok")])).toBe("degraded");
    expect(reduceHealth([store("starting"), monitor("ok")])).toBe("degraded");
  });

  it("is down when a critical component is down, whatever the others say", () => {
    expect(reduceHealth([store("down"), monitor("ok")])).toBe("down");
    expect(reduceHealth([monitor("down"), store("down"), { name: "host:prod", status: "down" }])).toBe("down");
  });
});
