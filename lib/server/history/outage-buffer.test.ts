import { describe, expect, it } from "vitest";
import { OutageBuffer } from "./outage-buffer";
import type { MetricSampleRow } from "./sample";

const row = (targetId: string, at: number) => ({ targetId, at: new Date(at) }) as MetricSampleRow;

describe("OutageBuffer", () => {
  it("keeps rows until they are written, oldest first, and forgets only the written batch", () => {
    const b = new OutageBuffer(100, 60_000);
    b.add([row("a", 1000), row("b", 1000)], 1000);
    const first = b.batch(1);
    expect(first.map((r) => r.targetId)).toEqual(["a"]);
    b.add([row("a", 2000)], 2000); // arrives while the batch is being written
    b.written(first);
    expect(b.batch(10).map((r) => `${r.targetId}@${r.at.getTime()}`)).toEqual(["b@1000", "a@2000"]);
  });

  it("is bounded by count and by age, dropping the oldest and counting them", () => {
    const b = new OutageBuffer(3, 10_000);
    b.add([row("a", 0), row("a", 1000), row("a", 2000), row("a", 3000)], 3000);
    expect(b.size).toBe(3);
    expect(b.batch(1)[0].at.getTime()).toBe(1000);
    b.add([row("a", 15_000)], 15_000); // 1000..3000 are now older than 10 s
    expect(b.batch(10).map((r) => r.at.getTime())).toEqual([15_000]);
    expect(b.dropped).toBe(4);
  });
});
