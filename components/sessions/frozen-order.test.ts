import { describe, expect, it } from "vitest";
import { longestIncreasingRun, mergeFrozenOrder } from "./frozen-order";

interface Row {
  pid: number;
  runningMs: number;
}
const row = (pid: number, runningMs = 0): Row => ({ pid, runningMs });
const key = (r: Row) => String(r.pid);
const pids = (rows: { item: Row; gone: boolean }[]) => rows.map((r) => (r.gone ? `${r.item.pid} gone` : r.item.pid));

describe("mergeFrozenOrder", () => {
  it("changes nothing and counts nothing when the order is unchanged", () => {
    const held = [row(1), row(2), row(3)];
    const m = mergeFrozenOrder(held, [row(1, 5), row(2, 5), row(3, 5)], key);
    expect(pids(m.rows)).toEqual([1, 2, 3]);
    expect(m.pending).toBe(0);
  });

  it("keeps the held order while values update", () => {
    const m = mergeFrozenOrder([row(1, 10), row(2, 5)], [row(2, 900), row(1, 11)], key);
    expect(m.rows.map((r) => r.item)).toEqual([row(1, 11), row(2, 900)]);
    expect(m.pending).toBe(1); // one row would move
  });

  it("keeps rows that left in place, marked gone with their last values, and counts them", () => {
    const m = mergeFrozenOrder([row(1, 10), row(2, 5), row(3)], [row(1, 11), row(3)], key);
    expect(pids(m.rows)).toEqual([1, "2 gone", 3]);
    expect(m.rows[1].item).toEqual(row(2, 5));
    expect(m.pending).toBe(1);
  });

  it("does not show new rows before the refresh, but counts them", () => {
    const m = mergeFrozenOrder([row(1), row(2)], [row(9), row(1), row(2), row(8)], key);
    expect(pids(m.rows)).toEqual([1, 2]);
    expect(m.pending).toBe(2);
  });

  it("counts the fewest moves: one row jumping to the top is one change, not a shift of all", () => {
    const held = [1, 2, 3, 4, 5, 6].map((p) => row(p));
    const current = [6, 1, 2, 3, 4, 5].map((p) => row(p));
    expect(mergeFrozenOrder(held, current, key).pending).toBe(1);
    expect(mergeFrozenOrder(held, held.slice().reverse(), key).pending).toBe(5);
  });

  it("adds appeared, gone and moved together", () => {
    const m = mergeFrozenOrder([row(1), row(2), row(3)], [row(3), row(1), row(7)], key);
    expect(pids(m.rows)).toEqual([1, "2 gone", 3]);
    expect(m.pending).toBe(1 /* 7 appeared */ + 1 /* 2 gone */ + 1 /* 3 moved */);
  });
});

describe("longestIncreasingRun", () => {
  it("measures the longest increasing subsequence", () => {
    expect(longestIncreasingRun([])).toBe(0);
    expect(longestIncreasingRun([0, 1, 2])).toBe(3);
    expect(longestIncreasingRun([2, 0, 1, 5, 3, 4])).toBe(4);
  });
});
