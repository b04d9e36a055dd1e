import { describe, expect, it } from "vitest";
import { fixtureLines } from "./fixtures/read";
import { parsePsi } from "./psi";

describe("parsePsi", () => {
  it("reads the recorded /proc/pressure/memory", () => {
    const r = parsePsi(fixtureLines("pressure-memory.txt"));
    expect(r.psi).toMatchObject({ someAvg10: expect.any(Number), fullAvg300: expect.any(Number) });
    expect(parsePsi(["some avg10=1.50 avg60=0.40 avg300=0.10 total=123", "full avg10=0.75 avg60=0.20 avg300=0.05 total=99"]).psi).toEqual({
      someAvg10: 1.5, someAvg60: 0.4, someAvg300: 0.1, fullAvg10: 0.75, fullAvg60: 0.2, fullAvg300: 0.05,
    });
  });

  it("says why when the kernel has no PSI (absent file, or psi=0)", () => {
    const absent = parsePsi(fixtureLines("pressure-memory-absent.txt"));
    expect(absent.psi).toBeNull();
    expect(absent.psi === null && absent.unavailable).toMatch(/no memory pressure \(PSI\).*No such file/);
    const off = parsePsi(fixtureLines("pressure-memory-disabled.txt"));
    expect(off.psi === null && off.unavailable).toMatch(/Operation not supported/);
    expect(parsePsi([]).psi).toBeNull();
  });
});
