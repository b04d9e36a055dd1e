// The audit list's query string, validated once (400 names the field). Isomorphic enough to unit-test.
import { z } from "zod";

const MAX_TEXT = 200;

const instant = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?$/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date or date-time")
  .transform((s) => new Date(s));

const text = z.string().trim().min(1, "must not be empty").max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);

export const auditQuerySchema = z
  .object({
    target: text.optional(),
    actor: text.optional(),
    action: z.string().trim().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must look like "session.cancel"').optional(),
    outcome: z.enum(["ok", "not_found", "refused", "error", "interrupted"]).optional(),
    phase: z.enum(["intent", "outcome"]).optional(),
    since: instant.optional(),
    until: instant.optional(),
    q: text.optional(),
    limit: z.coerce.number().int("must be an integer").min(1, "must be at least 1").max(1000, "must be at most 1000").optional(),
    cursor: z.string().regex(/^[1-9]\d{0,18}$/, "must be an entry id").optional(),
    format: z.enum(["json", "csv"]).default("json"),
    /** 1: the JSON answer adds `partners`, the other half of each action on the page (the audit page pairs them). */
    pairs: z.enum(["0", "1"], { error: "must be 0 or 1" }).optional(),
  })
  .strict()
  .refine((f) => !f.since || !f.until || f.since <= f.until, { path: ["until"], message: "must not be before since" });

export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditFilter = Omit<AuditQuery, "format" | "limit" | "cursor" | "pairs">;

export const DEFAULT_LIMIT = 200;

/** URLSearchParams → plain object; a repeated parameter is refused rather than silently dropped. */
export function searchParamsObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(sp.keys())) {
    const all = sp.getAll(k);
    out[k] = all.length === 1 ? all[0] : all;
  }
  return out;
}
