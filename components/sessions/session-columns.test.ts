import { describe, expect, it } from "vitest";
import { COLUMNS, columnLayout, NARROW_QUERY_MIN_WIDTH, QUERY_MIN_WIDTH } from "./session-columns";

const ids = (width: number) => columnLayout(width).shown.map((c) => c.id);

describe("columnLayout", () => {
  it("at 1440 px (a ~1365 px table box) keeps the important columns and the query, and fits the box", () => {
    const layout = columnLayout(1365);
    expect(layout.shown.map((c) => c.id)).toEqual(["pid", "actions", "state", "duration", "who", "wait", "memory", "xactAge", "query"]);
    expect(layout.minWidth).toBeLessThanOrEqual(1365);
    expect(layout.hidden.map((c) => c.id)).toEqual(["database", "client", "backendStart", "xids"]);
  });

  it("at 1280 px (a ~1200 px box) still shows Memory beside the query", () => {
    expect(ids(1200)).toEqual(["pid", "actions", "state", "duration", "who", "wait", "memory", "query"]);
  });

  it("shows every column when there is room, the query still last", () => {
    const all = COLUMNS.reduce((sum, c) => sum + c.width, QUERY_MIN_WIDTH);
    expect(ids(all)).toEqual(COLUMNS.map((c) => c.id));
    expect(ids(all - 1)).not.toContain("xids");
  });

  it("drops columns strictly by priority: a narrower column does not jump ahead of a wider, more important one", () => {
    expect(ids(1000)).toEqual(["pid", "actions", "state", "duration", "who", "query"]);
    // 84 px of room for memory (priority 3) is not used while wait (priority 2, 120 px) does not fit.
    expect(ids(448 + QUERY_MIN_WIDTH + 180 + 84)).not.toContain("memory");
  });

  it("at 390 px keeps pid, actions, state, running time and a shorter query: the table scrolls inside its box", () => {
    const layout = columnLayout(350);
    expect(layout.shown.map((c) => c.id)).toEqual(["pid", "actions", "state", "duration", "query"]);
    expect(layout.minWidth).toBe(84 + 140 + 140 + 84 + NARROW_QUERY_MIN_WIDTH);
  });
});
