import { expect, it } from "vitest";
import { parseRangeQuery } from "./range-query";

const q = (s: string) => parseRangeQuery(new URLSearchParams(s), Date.UTC(2026, 10, 26, 18));
const message = (s: string) => {
  try {
    q(s);
  } catch (e) {
    return (e as Error).message;
  }
  return null;
};

it("a range key, the 1 h default, or since/until with until defaulting to now", () => {
  expect(q("range=7d")).toEqual({ range: "7d" });
  expect(q("")).toEqual({ range: "1h" });
  expect(q("since=2026-11-26T17:00:00Z")).toEqual({ since: new Date("2026-11-26T17:00:00Z"), until: new Date(Date.UTC(2026, 10, 26, 18)) });
});

it("names the bad parameter", () => {
  expect(message("range=2w")).toMatch(/^range: must be one of 15m, 1h, 6h, 24h, 7d, 14d/);
  expect(message("range=1h&since=2026-11-26T17:00:00Z")).toMatch(/^range: give either/);
  expect(message("since=1732640000")).toMatch(/^since: must be an ISO 8601 time/);
  expect(message("until=2026-11-26T17:00:00Z")).toMatch(/^since: required/);
  expect(message("since=2026-11-26T17:00:00Z&until=2026-11-26T16:00:00Z")).toMatch(/^until: must be after since/);
  expect(message("since=2020-01-01T00:00:00Z")).toMatch(/^since: the window must be at most 366 days/);
});
