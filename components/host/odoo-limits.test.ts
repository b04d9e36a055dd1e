import { describe, expect, it } from "vitest";
import type { HostProcess } from "@/lib/snapshot";
import { odooLimitCounts, odooLimitUse } from "./odoo-limits";

const MiB = 1024 ** 2;
// Odoo's defaults: limit_memory_soft 2048 MiB, limit_memory_hard 2560 MiB.
const limits = { softBytes: 2048 * MiB, hardBytes: 2560 * MiB };
const worker = (pid: number, vmsMiB: number | undefined, rssMiB = 300): HostProcess => ({
  pid, command: "python3", kind: "odoo", rssBytes: rssMiB * MiB, ...(vmsMiB === undefined ? {} : { vmsBytes: vmsMiB * MiB }),
});

describe("odooLimitUse", () => {
  it("compares the virtual size, not RSS, with soft and hard", () => {
    // A worker with small RSS but a large address space is over soft: Odoo would recycle it.
    expect(odooLimitUse(worker(1, 2100, 200), limits)).toEqual({ vmsBytes: 2100 * MiB, ofSoft: 2100 / 2048, ofHard: 2100 / 2560, level: "soft" });
    expect(odooLimitUse(worker(2, 1024, 2500), limits)!.level).toBe("ok");
    expect(odooLimitUse(worker(3, 2048), limits)!.level).toBe("ok"); // Odoo recycles only above soft
    expect(odooLimitUse(worker(4, 2560), limits)!.level).toBe("hard");
  });

  it("works with one limit only, and says nothing without limits, vsz or for other kinds", () => {
    expect(odooLimitUse(worker(1, 3000), { softBytes: null, hardBytes: 2560 * MiB })).toMatchObject({ ofSoft: null, level: "hard" });
    expect(odooLimitUse(worker(1, 3000), { softBytes: 2048 * MiB, hardBytes: null })).toMatchObject({ ofHard: null, level: "soft" });
    expect(odooLimitUse(worker(1, 3000), null)).toBeNull();
    expect(odooLimitUse(worker(1, undefined), limits)).toBeNull();
    expect(odooLimitUse({ ...worker(1, 3000), kind: "postgres" }, limits)).toBeNull();
  });
});

describe("odooLimitCounts", () => {
  it("counts workers over soft (hard included) and at hard", () => {
    const ps = [worker(1, 1000), worker(2, 2100), worker(3, 2600), worker(4, undefined), { ...worker(5, 9000), kind: "other" as const }];
    expect(odooLimitCounts(ps, limits)).toEqual({ workers: 3, overSoft: 2, atHard: 1 });
    expect(odooLimitCounts(ps, undefined)).toEqual({ workers: 0, overSoft: 0, atHard: 0 });
  });
});
