// Every input of the incidents API, validated once here; the issue names the field.
import { z } from "zod";
import { ADOPT_MAX_MS, MAX_NOTE, MAX_SUMMARY, MAX_TITLE } from "../../incidents";
import { runbookStepKeys, severities } from "../../runbook";
import { targetIdSchema } from "../../socket-events";

const text = (max: number, what: string) =>
  z
    .string({ error: `must be ${what} (a string)` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "must not be empty").max(max, `must be at most ${max} characters`));

export const targetParamsSchema = z.object({ id: targetIdSchema });
export const incidentParamsSchema = z.object({ id: z.uuid("must be an incident id (uuid)") });

/** The effective start of an incident that adopts what happened before it: not in the future (a minute of clock skew), at most 24 h back. */
const adoptSince = z
  .string({ error: "must be an ISO 8601 date-time (a string)" })
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date-time with a zone, e.g. 2026-11-26T18:00:00Z")
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() <= Date.now() + 60_000, "must not be in the future")
  .refine((d) => d.getTime() >= Date.now() - ADOPT_MAX_MS, `must be at most ${ADOPT_MAX_MS / 3_600_000} h back`);

export const openBodySchema = z
  .object({ title: text(MAX_TITLE, "a title"), severity: z.enum(severities, { error: `must be one of ${severities.join(", ")}` }), adoptSince: adoptSince.optional() })
  .strict();
export const closeBodySchema = z.object({ summary: text(MAX_SUMMARY, "a summary") }).strict();
export const noteBodySchema = z.object({ text: text(MAX_NOTE, "the note's text") }).strict();
export const stepBodySchema = z
  .object({
    stepKey: z.string({ error: "must be a runbook step key (a string)" }).refine((k) => runbookStepKeys.includes(k), { message: `unknown step; one of ${runbookStepKeys.join(", ")}` }),
    checked: z.boolean({ error: "must be true or false" }),
    note: z
      .string({ error: "must be a string" })
      .max(MAX_NOTE, `must be at most ${MAX_NOTE} characters`)
      .transform((s) => s.trim() || null)
      .nullable()
      .optional(),
  })
  .strict();

export const listQuerySchema = z.object({
  status: z.enum(["open", "all"], { error: "must be open or all" }).default("all"),
  checklist: z.enum(["0", "1"], { error: "must be 0 or 1" }).default("0"),
});
