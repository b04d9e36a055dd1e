import { describe, expect, it } from "vitest";
import { fixture } from "./fixtures/read";
import { parseProbe } from "./parse-probe";

describe("parseProbe", () => {
  it("reads every section of a recorded probe", () => {
    const p = parseProbe(fixture("probe-output.txt"), 1000);
    expect(p.meminfo.memTotalBytes).toBeGreaterThan(0);
    expect(p.vmstat.oomKill).toBe(0);
    expect(p.psi.psi).not.toBeNull();
    expect(p.loadAvg).toHaveLength(3);
    expect(p.processes.some((x) => x.kind === "postgres")).toBe(true);
    expect(p.cgroups).toEqual([]);
  });

  it("reads a probe from a kernel without PSI, and refuses a cut-off one", () => {
    const p = parseProbe(fixture("probe-output-no-psi.txt"), 1000);
    expect(p.psi.psi).toBeNull();
    expect(p.meminfo.memTotalBytes).toBeGreaterThan(0);
    const cut = fixture("probe-output.txt").split("@@ps")[0];
    expect(() => parseProbe(cut, 0)).toThrow(/incomplete/);
  });
});
