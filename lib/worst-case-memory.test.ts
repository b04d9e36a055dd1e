import { describe, expect, it } from "vitest";
import type { MemorySettings } from "./snapshot";
import { worstCaseMemory } from "./worst-case-memory";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe("worstCaseMemory", () => {
  const settings: MemorySettings = {
    sharedBuffersBytes: 128 * MiB,
    workMemBytes: 4 * MiB,
    hashMemMultiplier: 2,
    maintenanceWorkMemBytes: 64 * MiB,
    maxConnections: 100,
    superuserReservedConnections: 3,
    reservedConnections: 0,
    effectiveCacheSizeBytes: 4 * GiB,
    statementTimeoutMs: 0,
    idleInTransactionSessionTimeoutMs: 0,
    readAt: "2026-03-21T00:00:00.000Z",
  };

  it("spells out shared_buffers + max_connections × work_mem × hash_mem_multiplier", () => {
    const w = worstCaseMemory(settings, 7);
    expect(w.perSessionBytes).toBe(8 * MiB);
    expect(w.atMaxConnections.sessions).toBe(100);
    expect(w.atMaxConnections.totalBytes).toBe(928 * MiB);
    expect(w.atMaxConnections.formula).toBe("shared_buffers + max_connections × work_mem × hash_mem_multiplier");
    expect(w.atMaxConnections.expression).toBe("128 MiB + 100 × 4 MiB × 2 = 928 MiB");
  });

  it("does the same with the current number of active sessions", () => {
    const w = worstCaseMemory(settings, 7);
    expect(w.atActiveSessions.totalBytes).toBe((128 + 7 * 8) * MiB);
    expect(w.atActiveSessions.expression).toBe("128 MiB + 7 × 4 MiB × 2 = 184 MiB");
    expect(w.activeWorkMemBytes).toBe(7 * 8 * MiB);
    expect(worstCaseMemory(settings, 0).atActiveSessions.totalBytes).toBe(128 * MiB);
  });

  it("keeps a fractional hash_mem_multiplier", () => {
    const w = worstCaseMemory({ ...settings, hashMemMultiplier: 1.5, workMemBytes: 64 * MiB, maxConnections: 10 }, 1);
    expect(w.atMaxConnections.totalBytes).toBe(128 * MiB + 10 * 96 * MiB);
    expect(w.atMaxConnections.expression).toBe("128 MiB + 10 × 64 MiB × 1.5 = 1.1 GiB");
  });
});
