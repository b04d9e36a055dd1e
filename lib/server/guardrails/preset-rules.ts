// The emergency profile's values, computed from the value in force so the profile never raises
// anything during a memory incident: timeouts are the runbook's caps unless a stricter value is in
// force; work_mem is half the value in force, at most the runbook's 16MB, at least 1MB, never more
// than the value in force. Pure: unit-tested.
import { levelText } from "../../guardrails";
import type { Resolved } from "./effective";
import { formatMagnitude, settingMagnitude } from "./values";

/** The runbook's step 2.3 caps. */
export const EMERGENCY_PRESET = { statement_timeout: "60s", idle_in_transaction_session_timeout: "120s", work_mem: "16MB" } as const;
export type PresetSetting = keyof typeof EMERGENCY_PRESET;
export const PRESET_SETTINGS = Object.keys(EMERGENCY_PRESET) as PresetSetting[];

/** work_mem never goes below this (kB): sorts and hashes below 1MB spill to disk for almost everything. */
export const WORK_MEM_FLOOR_KB = 1024;

export interface PresetValue {
  value: string;
  /** How it was computed, in words, for the diff. */
  how: string;
}

const shown = (e: Resolved) => (e.magnitude === Infinity ? `no limit (${e.value ?? "0"})` : (e.value ?? "unknown"));
const inForce = (e: Resolved) => `the ${shown(e)} in force (${levelText(e)})`;

export function presetValue(setting: PresetSetting, e: Resolved): PresetValue {
  const cap = settingMagnitude(setting, EMERGENCY_PRESET[setting])!;
  if (e.magnitude === null) return { value: EMERGENCY_PRESET[setting], how: `the runbook's ${EMERGENCY_PRESET[setting]}: the value in force (${e.value ?? "unknown"}, ${levelText(e)}) could not be compared` };
  if (setting !== "work_mem") {
    if (e.magnitude < cap) return { value: formatMagnitude(setting, e.magnitude), how: `kept at ${inForce(e)}: the runbook's ${EMERGENCY_PRESET[setting]} would loosen it` };
    return { value: EMERGENCY_PRESET[setting], how: `the runbook's ${EMERGENCY_PRESET[setting]} (in force: ${shown(e)}, ${levelText(e)})` };
  }
  const current = Math.floor(e.magnitude);
  if (current <= WORK_MEM_FLOOR_KB) return { value: formatMagnitude(setting, current), how: `kept at ${inForce(e)}: already at or below the 1MB floor` };
  const half = Math.floor(current / 2);
  if (half > cap) return { value: EMERGENCY_PRESET.work_mem, how: `the runbook's 16MB cap (half of ${inForce(e)} would be more)` };
  if (half < WORK_MEM_FLOOR_KB) return { value: formatMagnitude(setting, WORK_MEM_FLOOR_KB), how: `the 1MB floor (half of ${inForce(e)} would be below it)` };
  return { value: formatMagnitude(setting, half), how: `half of ${inForce(e)}, at most 16MB, at least 1MB` };
}
