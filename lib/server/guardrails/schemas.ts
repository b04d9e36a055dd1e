// Every input of the guardrails API, validated once here: names as PostgreSQL allows them (quoted
// later, never interpreted), settings from the allowlist, values parsed per setting.
import { z } from "zod";
import { MAX_REASON } from "../actions/schemas";
import { targetIdSchema } from "../../socket-events";
import { PRESET_SETTINGS, type PresetSetting } from "./preset-rules";
import { GUARDRAIL_SETTINGS, parseSettingValue, type GuardrailSetting } from "./values";

/** NAMEDATALEN - 1 bytes; any character but NUL (a role may be called we"ird role). */
const pgName = (what: string) =>
  z
    .string({ error: `must be a ${what} name (a string)` })
    .min(1, "must not be empty")
    .refine((s) => !s.includes("\0"), "must not contain NUL")
    .refine((s) => Buffer.byteLength(s, "utf8") <= 63, "must be at most 63 bytes (PostgreSQL's name length)");

const reason = z
  .string({ error: "must be a string" })
  .max(MAX_REASON, `must be at most ${MAX_REASON} characters`)
  .transform((r) => r.trim() || undefined)
  .optional();

const expiresInMinutes = z.number({ error: "must be a number of minutes" }).int("must be whole minutes").min(1, "must be at least 1").max(7 * 24 * 60, "must be at most a week").optional();

const setting = z.enum(GUARDRAIL_SETTINGS, { error: `must be one of ${GUARDRAIL_SETTINGS.join(", ")}` });
const rawValue = z.union([z.string(), z.number()], { error: "must be a string such as '64MB' or '60s', or a number" });

/** Parses and canonicalises the value; the issue names the field. */
function withValue(s: GuardrailSetting, v: unknown, ctx: z.RefinementCtx, path: (string | number)[]): string {
  const p = parseSettingValue(s, v);
  if (p.ok) return p.value;
  ctx.addIssue({ code: "custom", path, message: p.message.replace(/^value: /, "") });
  return z.NEVER;
}

/** Raising a memory setting (or the connection limit) above the value in force needs this, explicitly true. */
const confirmRaise = z.boolean({ error: "must be true (raise above the value in force) or false" }).optional();

export const applyBodySchema = z
  .object({ role: pgName("role"), database: pgName("database").nullable().optional(), setting, value: rawValue, expiresInMinutes, reason, confirmRaise })
  .strict()
  .superRefine((b, ctx) => {
    if (b.setting === "connection_limit" && b.database != null) ctx.addIssue({ code: "custom", path: ["database"], message: "connection_limit is per role (all databases): leave database out" });
  })
  .transform((b, ctx) => ({ ...b, database: b.database ?? null, confirmRaise: b.confirmRaise ?? false, value: withValue(b.setting, b.value, ctx, ["value"]) }));
export type ApplyBody = z.infer<typeof applyBodySchema>;

/** A value left out is computed from the value in force (preset-rules.ts). */
export const presetBodySchema = z
  .object({
    role: pgName("role"),
    database: pgName("database"),
    values: z.object({ statement_timeout: rawValue.optional(), idle_in_transaction_session_timeout: rawValue.optional(), work_mem: rawValue.optional() }).strict().optional(),
    expiresInMinutes,
    dryRun: z.boolean({ error: "must be true (show the diff) or false (apply)" }).optional(),
    confirmRaise,
    reason,
  })
  .strict()
  .transform((b, ctx) => {
    const values: Partial<Record<PresetSetting, string>> = {};
    for (const s of PRESET_SETTINGS) {
      const v = b.values?.[s];
      if (v !== undefined && v !== "") values[s] = withValue(s, v, ctx, ["values", s]);
    }
    return { ...b, dryRun: b.dryRun ?? false, confirmRaise: b.confirmRaise ?? false, values };
  });
export type PresetBody = z.infer<typeof presetBodySchema>;

export const revertBodySchema = z.object({ force: z.boolean({ error: "must be true or false" }).optional(), reason }).strict();
export const helmBodySchema = z.object({ force: z.boolean({ error: "must be true or false" }).optional(), reason }).strict();
export const recycleBodySchema = z.object({ reason }).strict();

export const targetParamsSchema = z.object({ id: targetIdSchema });
/** "all" reverts every active guardrail of the target. */
export const guardrailParamsSchema = z.object({ id: targetIdSchema, guardrailId: z.union([z.literal("all"), z.uuid("must be a guardrail id (uuid) or all")]) });
