// Every input of the cancel / terminate / bulk API, validated once here (routes and tests share them).
import { z } from "zod";
import { targetIdSchema } from "../../socket-events";
import { parseClientAddress } from "./client-address";

const MAX_PID = 2_147_483_647;
export const MAX_REASON = 500;
export const MAX_BULK = 500;

/** backend_start exactly as PostgreSQL prints a timestamptz (the offset is required: no guessing the zone). */
const TIMESTAMPTZ = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d(:?\d\d){0,2})$/;

export const backendStartSchema = z
  .string({ error: (i) => (i.input === undefined ? "is required (the session's backend_start as shown)" : "must be a string") })
  .regex(TIMESTAMPTZ, "must be the session's backend_start as PostgreSQL prints it, e.g. 2026-03-21 10:00:00.123456+00");

const pidNumber = z
  .number({ error: "must be a positive 32-bit integer" })
  .int("must be a positive 32-bit integer")
  .min(1, "must be a positive 32-bit integer")
  .max(MAX_PID, "must be a positive 32-bit integer");

/** Route params: the pid arrives as text. */
export const sessionParamsSchema = z.object({
  id: targetIdSchema,
  pid: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "must be a positive 32-bit integer")
    .transform(Number)
    .pipe(pidNumber),
});

export const targetParamsSchema = z.object({ id: targetIdSchema });

const reasonSchema = z
  .string({ error: "must be a string" })
  .max(MAX_REASON, `must be at most ${MAX_REASON} characters`)
  .transform((r) => r.trim() || undefined)
  .optional();

export const signalBodySchema = z.object({ backendStart: backendStartSchema, reason: reasonSchema }).strict();
export type SignalBody = z.infer<typeof signalBodySchema>;

export const SESSION_STATES = ["active", "idle", "idle in transaction", "idle in transaction (aborted)", "fastpath function call", "disabled"] as const;

const text = z.string().min(1, "must not be empty").max(200, "must be at most 200 characters");
const seconds = z.number().min(0, "must be 0 or more").max(31_536_000, "must be at most a year in seconds");

export const sessionFilterSchema = z
  .object({
    state: z.enum(SESSION_STATES).optional(),
    minQuerySeconds: seconds.optional(),
    minXactSeconds: seconds.optional(),
    database: text.optional(),
    user: text.optional(),
    /** A glob: * matches any run of characters (as % did), everything else literal, case-sensitive. */
    application: text.refine((s) => !s.includes("\0"), "must not contain NUL").optional(),
    queryContains: text.optional(),
    minConnectionSeconds: seconds.optional(),
    clientAddr: z
      .string({ error: "must be an IP address or a CIDR block (a string)" })
      .max(64, "must be at most 64 characters")
      .transform((s, ctx) => {
        const p = parseClientAddress(s);
        if (p.ok) return p.value;
        ctx.addIssue({ code: "custom", message: p.message });
        return z.NEVER;
      })
      .optional(),
  })
  .strict();
export type SessionFilter = z.infer<typeof sessionFilterSchema>;

export const hasCriterion = (f: SessionFilter) => Object.values(f).some((v) => v !== undefined);

export const bulkBodySchema = z
  .object({
    action: z.enum(["cancel", "terminate"]),
    filter: sessionFilterSchema.refine(hasCriterion, "needs at least one criterion (no acting on every session by accident)"),
    dryRun: z.boolean({ error: "must be true (preview) or false (confirm)" }),
    /** state and queryStart as previewed: the confirmation marks a session whose state or query changed since. */
    sessions: z
      .array(z.object({ pid: pidNumber, backendStart: backendStartSchema, state: z.string().max(64).nullable().optional(), queryStart: backendStartSchema.nullable().optional() }).strict())
      .min(1, "must list at least one session")
      .max(MAX_BULK, `must list at most ${MAX_BULK} sessions`)
      .optional(),
    reason: reasonSchema,
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.dryRun && !b.sessions) ctx.addIssue({ code: "custom", path: ["sessions"], message: "is required to confirm: send the previewed list" });
  });
export type BulkBody = z.infer<typeof bulkBodySchema>;
