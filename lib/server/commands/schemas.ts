// Inputs of the commands API. The name is only looked up among the configured commands; the reason
// only goes to the audit trail. Nothing here ever becomes part of a command line.
import { z } from "zod";
import { targetIdSchema } from "../../socket-events";
import { MAX_REASON } from "../actions/schemas";

export const targetParamsSchema = z.object({ id: targetIdSchema });

/** Any text: an unknown name is refused (404) and audited as typed, cut to MAX_NAME_IN_AUDIT. */
export const runParamsSchema = z.object({ id: targetIdSchema, name: z.string().min(1).max(1000, "must be at most 1000 characters") });

export const MAX_NAME_IN_AUDIT = 100;

export const runBodySchema = z
  .object({
    reason: z
      .string({ error: "must be a string" })
      .max(MAX_REASON, `must be at most ${MAX_REASON} characters`)
      .transform((r) => r.trim() || undefined)
      .optional(),
    /** The command's name typed again: the confirmation step. */
    confirm: z.string({ error: "is required: the command's name, to confirm" }).max(200, "must be at most 200 characters"),
  })
  .strict();
