// The metric history's environment: recording interval and retention, read the same way by the recorder and the API.
import { z } from "zod";
import type { Env } from "../config";

export interface HistorySettings {
  intervalMs: number;
  retentionDays: number;
  /** Set when a variable was invalid and its default is used instead (logged at start). */
  problems: string[];
}

const VARS = {
  TRIAGE_HISTORY_INTERVAL_MS: { schema: z.coerce.number().int().min(1000, "must be at least 1000 ms").max(3_600_000, "must be at most an hour"), fallback: 5000 },
  TRIAGE_HISTORY_DAYS: { schema: z.coerce.number().positive("must be a positive number of days").max(3650, "must be at most 3650"), fallback: 14 },
};

/** Each variable on its own: a bad one falls back to its default and is named in problems. */
export function historySettings(env: Env = process.env): HistorySettings {
  const problems: string[] = [];
  const read = (name: keyof typeof VARS): number => {
    const v = env[name];
    if (v === undefined || v.trim() === "") return VARS[name].fallback;
    const r = VARS[name].schema.safeParse(v);
    if (r.success) return r.data;
    problems.push(`${name}=${JSON.stringify(v)} ${r.error.issues[0].message}; using ${VARS[name].fallback}`);
    return VARS[name].fallback;
  };
  return { intervalMs: read("TRIAGE_HISTORY_INTERVAL_MS"), retentionDays: read("TRIAGE_HISTORY_DAYS"), problems };
}
