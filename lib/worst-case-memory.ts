// Runbook step 1.3's arithmetic, in one place: the memory settings panel, the checklist's
// memory_settings evidence and the host panel's OOM-risk gauge all call worstCaseMemory.
import { formatBytes } from "./format";
import type { MemorySettings } from "./snapshot";

export interface WorstCaseLine {
  /** How many sessions the line assumes. */
  sessions: number;
  totalBytes: number;
  /** "shared_buffers + max_connections × work_mem × hash_mem_multiplier" */
  formula: string;
  /** "128 MiB + 100 × 4 MiB × 2 = 928 MiB" */
  expression: string;
}

export interface WorstCaseMemory {
  /** work_mem × hash_mem_multiplier: what one hash node may take. */
  perSessionBytes: number;
  /** sessions × perSessionBytes for the active sessions: the term lowering work_mem shrinks. */
  activeWorkMemBytes: number;
  atMaxConnections: WorstCaseLine;
  atActiveSessions: WorstCaseLine;
}

/**
 * shared_buffers plus one hash-sized work_mem per session. A single query can run several sort/hash
 * nodes (and parallel workers) at once, so real usage can go higher.
 */
export function worstCaseMemory(settings: MemorySettings, activeSessions: number): WorstCaseMemory {
  const perSessionBytes = settings.workMemBytes * settings.hashMemMultiplier;
  const line = (sessions: number, name: string): WorstCaseLine => {
    const totalBytes = settings.sharedBuffersBytes + sessions * perSessionBytes;
    return {
      sessions,
      totalBytes,
      formula: `shared_buffers + ${name} × work_mem × hash_mem_multiplier`,
      expression:
        `${formatBytes(settings.sharedBuffersBytes)} + ${sessions} × ${formatBytes(settings.workMemBytes)}` +
        ` × ${settings.hashMemMultiplier} = ${formatBytes(totalBytes)}`,
    };
  };
  return {
    perSessionBytes,
    activeWorkMemBytes: activeSessions * perSessionBytes,
    atMaxConnections: line(settings.maxConnections, "max_connections"),
    atActiveSessions: line(activeSessions, "active sessions"),
  };
}
