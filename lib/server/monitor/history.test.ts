import { describe, expect, it } from "vitest";
import { HistoryRing, historyCapacity } from "./history";

const pt = (t: number) => ({ t, active: 0, idle: 0, idleInTransaction: 0, idleInTransactionAborted: 0, waitingOnLock: 0, total: 0 });

describe("HistoryRing", () => {
  it("keeps the newest points, oldest first", () => {
    const r = new HistoryRing(3);
    [1, 2, 3, 4, 5].forEach((t) => r.push(pt(t)));
    expect(r.toArray().map((p) => p.t)).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
  });
  it("holds 15 minutes at the poll interval, within bounds", () => {
    expect(historyCapacity(1000)).toBe(900);
    expect(historyCapacity(100)).toBe(3600);
    expect(historyCapacity(60_000)).toBe(60);
  });
});
