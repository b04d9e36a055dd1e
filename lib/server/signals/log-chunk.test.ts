import { describe, expect, it } from "vitest";
import { READ_BYTES, takeLines } from "./log-chunk";

const b = (s: string) => Buffer.from(s, "utf8");

describe("takeLines", () => {
  it("continues from the cursor and keeps a partial last line for the next read", () => {
    const c = takeLines(b("one\ntwo\nthr"), { id: "8:1", size: 112, start: 100 }, { fileId: "8:1", offset: 100 });
    expect(c.lines).toEqual(["one", "two"]);
    expect(c.cursor).toEqual({ fileId: "8:1", offset: 108 });
    expect(c.behind).toBe(false);
  });
  it("drops the first partial line of a tail read (it starts mid-file)", () => {
    expect(takeLines(b("ial line\nwhole\n"), { id: "8:1", size: 5000, start: 4985 }, null).lines).toEqual(["whole"]);
    expect(takeLines(b("first\nsecond\n"), { id: "8:1", size: 13, start: 0 }, null).lines).toEqual(["first", "second"]);
  });
  it("reads a rotated file (another id) from its start", () => {
    const c = takeLines(b("new\n"), { id: "8:2", size: 4, start: 0 }, { fileId: "8:1", offset: 900 });
    expect(c).toEqual({ lines: ["new"], cursor: { fileId: "8:2", offset: 4 }, behind: false });
  });
  it("counts bytes, not characters", () => {
    const c = takeLines(b("café ✓\nnext\n"), { id: "x", size: 14, start: 0 }, null);
    expect(c.lines).toEqual(["café ✓", "next"]);
    expect(c.cursor.offset).toBe(Buffer.byteLength("café ✓\nnext\n"));
  });
  it("takes a line longer than a whole read as it is, and says more is waiting", () => {
    const big = Buffer.alloc(READ_BYTES, 0x78);
    const c = takeLines(big, { id: "x", size: 3 * READ_BYTES, start: 0 }, { fileId: "x", offset: 0 });
    expect(c.lines).toHaveLength(1);
    expect(c.cursor.offset).toBe(READ_BYTES);
    expect(c.behind).toBe(true);
  });
  it("takes nothing from a read without a complete line", () => {
    expect(takeLines(b("no newline yet"), { id: "x", size: 14, start: 0 }, { fileId: "x", offset: 0 })).toEqual({ lines: [], cursor: { fileId: "x", offset: 0 }, behind: false });
  });
});
