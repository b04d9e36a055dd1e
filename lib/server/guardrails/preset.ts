// The emergency profile (runbook 2.3): values left out are computed from what is in force for that
// role and database (preset-rules.ts), then applied like any guardrail batch; a raise of any of its
// settings needs confirmRaise (applyGuardrails re-reads the values in force under the target lock).
import { actionConnectionFor, resolveTarget } from "../actions/registry";
import { describeError } from "../pg/connection";
import { applyGuardrails, type ApplyOptions, type ApplyResult, type GuardrailChange } from "./apply";
import { readEffective } from "./effective-read";
import { fail, type GuardrailReply } from "./outcomes";
import { PRESET_SETTINGS, presetValue } from "./preset-rules";
import type { PresetBody } from "./schemas";

export async function applyPreset(targetId: string, body: PresetBody, o: Omit<ApplyOptions, "action" | "dryRun" | "confirmRaise" | "guardEverySetting">): Promise<GuardrailReply<ApplyResult>> {
  const target = resolveTarget(targetId);
  if (!target) return fail("not_found", `unknown target "${targetId}"`);
  let effective;
  try {
    effective = await readEffective(actionConnectionFor(target), body.role, body.database, PRESET_SETTINGS);
  } catch (e) {
    return fail("target_unavailable", `cannot reach ${target.name}: ${describeError(e)}`);
  }
  const changes: GuardrailChange[] = PRESET_SETTINGS.map((setting) => {
    const typed = body.values[setting];
    const computed = typed === undefined ? presetValue(setting, effective.get(setting)!) : { value: typed, how: "entered by you" };
    return { role: body.role, database: body.database, setting, ...computed };
  });
  return applyGuardrails(targetId, changes, { ...o, action: "guardrails.preset", dryRun: body.dryRun, confirmRaise: body.confirmRaise, guardEverySetting: true });
}
