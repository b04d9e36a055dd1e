import { describe, expect, it } from "vitest";
import { auditQuerySchema, searchParamsObject } from "./filters";
import { likeContains, whereOf } from "./query";

const parse = (qs: string) => auditQuerySchema.safeParse(searchParamsObject(new URLSearchParams(qs)));
const field = (qs: string) => {
  const r = parse(qs);
  expect(r.success).toBe(false);
  return r.error!.issues[0].path.join(".");
};

describe("audit query filters", () => {
  it("accepts every filter and defaults format to json", () => {
    const r = parse("target=default&actor=alice&action=session.cancel&outcome=refused&since=2026-11-26&until=2026-11-27T10:00:00Z&q=select&limit=50&cursor=123");
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ target: "default", actor: "alice", action: "session.cancel", outcome: "refused", q: "select", limit: 50, cursor: "123", format: "json" });
    expect(r.data!.since).toEqual(new Date("2026-11-26T00:00:00Z"));
    expect(parse("").data).toEqual({ format: "json" });
    expect(parse("format=csv").data).toEqual({ format: "csv" });
  });

  it("takes pairs=1 (the audit page's paired view) and names it when bad", () => {
    expect(parse("pairs=1").data).toEqual({ format: "json", pairs: "1" });
    expect(field("pairs=yes")).toBe("pairs");
  });

  it("names the bad field", () => {
    expect(field("limit=0")).toBe("limit");
    expect(field("limit=1001")).toBe("limit");
    expect(field("limit=abc")).toBe("limit");
    expect(field("outcome=maybe")).toBe("outcome");
    expect(field("since=yesterday")).toBe("since");
    expect(field("until=2026-13-45")).toBe("until");
    expect(field("since=2026-11-27&until=2026-11-26")).toBe("until");
    expect(field("action=DROP TABLE")).toBe("action");
    expect(field("format=xml")).toBe("format");
    expect(field("cursor=-1")).toBe("cursor");
    expect(field(`q=${"x".repeat(201)}`)).toBe("q");
    expect(field("target=a&target=b")).toBe("target");
  });

  it("refuses unknown parameters", () => {
    expect(parse("actr=alice").success).toBe(false);
  });
});

describe("the WHERE clause", () => {
  it("passes every value as a parameter", () => {
    const w = whereOf({ target: "t'; DROP", actor: "Alice", q: "50%_off", since: new Date("2026-01-01T00:00:00Z"), cursor: "9" });
    expect(w.sql).not.toContain("DROP");
    expect(w.params).toEqual(["9", "t'; DROP", "alice", "2026-01-01T00:00:00.000Z", "%50\\%\\_off%"]);
    expect(whereOf({})).toEqual({ sql: "", params: [] });
  });

  it("escapes LIKE wildcards and backslashes", () => {
    expect(likeContains("a\\b%c_d")).toBe("%a\\\\b\\%c\\_d%");
  });
});
