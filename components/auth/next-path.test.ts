import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeNextPath("/")).toBe("/");
    expect(safeNextPath("/targets/main")).toBe("/targets/main");
    expect(safeNextPath("/admin?tab=users#x")).toBe("/admin?tab=users#x");
    expect(safeNextPath(["/tokens", "/admin"])).toBe("/tokens");
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "/\n/evil.example",
      "/\t/evil.example",
      "\\\\evil.example",
      "",
      undefined,
      null,
      42,
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe("/");
    }
  });

  it("never sends a logged-in user back to the login page (no loop)", () => {
    expect(safeNextPath("/login")).toBe("/");
    expect(safeNextPath("/login?next=/admin")).toBe("/");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeNextPath("/a/../../b")).toBe("/b");
  });
});
