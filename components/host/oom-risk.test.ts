import { describe, it, expect } from "vitest";
import type { MemorySettings } from "@/lib/snapshot";
import { formatPercent, oomRisk, riskTone } from "./oom-risk";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const settings = (over: Partial<MemorySettings> = {}): MemorySettings => ({
  sharedBuffersBytes: 128 * MiB,
  workMemBytes: 4 * MiB,
  hashMemMultiplier: 2,
  maintenanceWorkMemBytes: 64 * MiB,
  maxConnections: 100,
  superuserReservedConnections: 3,
  reservedConnections: null,
  effectiveCacheSizeBytes: 4 * GiB,
  statementTimeoutMs: 0,
  idleInTransactionSessionTimeoutMs: 0,
  readAt: "2026-03-21T10:00:00.000Z",
  ...over,
});

describe("oomRisk", () => {
  it("spells the arithmetic out against MemAvailable and MemTotal (PostgreSQL defaults, 4 active)", () => {
    const r = oomRisk(settings(), 4, 2.1 * GiB, 7.7 * GiB);
    expect(r.active.totalBytes).toBe(160 * MiB);
    expect(r.active.text).toBe("128 MiB + 4 × 4 MiB × 2 = 160 MiB of 2.1 GiB available (7%)");
    expect(r.active.totalText).toBe("of 7.7 GiB total (2%)");
    expect(r.active.tone).toBe("ok");
    expect(r.worst.text).toBe("128 MiB + 100 × 4 MiB × 2 = 928 MiB of 2.1 GiB available (43%)");
    expect(r.workMemIsLever).toBe(false);
    expect(r.lever).toMatch(/^Lowering work_mem is not the lever: shared_buffers \(128 MiB\)/);
  });

  it("names work_mem as the lever when the active backends' term dominates (Odoo reports, 64 MB work_mem)", () => {
    const r = oomRisk(settings({ sharedBuffersBytes: 2 * GiB, workMemBytes: 64 * MiB, maxConnections: 200 }), 24, 3.5 * GiB, 15.6 * GiB);
    // 2 GiB + 24 × 64 MiB × 2 = 5 GiB
    expect(r.active.totalBytes).toBe(5 * GiB);
    expect(r.active.text).toBe("2 GiB + 24 × 64 MiB × 2 = 5 GiB of 3.5 GiB available (143%)");
    expect(r.active.tone).toBe("bad");
    expect(r.workMemIsLever).toBe(true);
    expect(r.lever).toBe("Lowering work_mem is the lever: the 24 active backends' work_mem term (3 GiB) outweighs shared_buffers (2 GiB).");
    expect(r.worst.totalBytes).toBe(2 * GiB + 200 * 128 * MiB);
  });

  it("warns about the max_connections worst case when it, not the current load, would tip the host", () => {
    const r = oomRisk(settings({ sharedBuffersBytes: 1 * GiB, workMemBytes: 32 * MiB }), 3, 4 * GiB, 7.7 * GiB);
    expect(r.workMemIsLever).toBe(false);
    expect(r.lever).toMatch(/but at max_connections it would be \(6\.3 GiB\)/);
  });

  it("copes with a host that reports no available memory", () => {
    const r = oomRisk(settings(), 1, 0, 0);
    expect(r.active.tone).toBe("bad");
    expect(r.active.text).toMatch(/of 0 B available \(—\)$/);
  });
});

describe("riskTone and formatPercent", () => {
  it("colours by ratio of available memory", () => {
    expect([0.2, 0.5, 0.79, 0.8, 1.4].map(riskTone)).toEqual(["ok", "warn", "warn", "bad", "bad"]);
  });
  it("rounds to whole percent and shows <1% for tiny non-zero ratios", () => {
    expect([0, 0.004, 0.074, 1.43].map(formatPercent)).toEqual(["0%", "<1%", "7%", "143%"]);
  });
});
