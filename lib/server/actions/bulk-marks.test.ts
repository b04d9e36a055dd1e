import { describe, expect, it } from "vitest";
import { session } from "../../../test/fixtures/session-fixture";
import { sincePreview } from "./bulk-marks";

const QS = "2026-03-21 10:00:00.123456+00";

describe("sincePreview", () => {
  it("nothing changed, or nothing to compare: null", () => {
    const now = session({ state: "active", queryStart: QS });
    expect(sincePreview({ pid: 100, backendStart: now.backendStart!, state: "active", queryStart: "2026-03-21 10:00:00.123456+00:00" }, now)).toBeNull();
    expect(sincePreview({ pid: 100, backendStart: now.backendStart! }, now)).toBeNull();
  });

  it("marks a new state and a moved query_start (another statement)", () => {
    const now = session({ state: "idle", queryStart: "2026-03-21 10:00:05.000001+00" });
    expect(sincePreview({ pid: 100, backendStart: now.backendStart!, state: "active", queryStart: QS }, now)).toEqual({ changed: ["state", "query"], state: "idle", queryStart: "2026-03-21 10:00:05.000001+00" });
    expect(sincePreview({ pid: 100, backendStart: now.backendStart!, state: "idle", queryStart: null }, now)?.changed).toEqual(["query"]);
  });
});
