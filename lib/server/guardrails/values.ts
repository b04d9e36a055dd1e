// The settings a guardrail may change, and their values: integers with PostgreSQL's units, inside
// ranges that make sense during an incident. Anything else is refused before any SQL is built.
import { GUARDRAIL_SETTINGS, type GuardrailSetting } from "../pg/sql";

export { GUARDRAIL_SETTINGS, type GuardrailSetting };

type Kind = "time" | "memory" | "multiplier" | "count";

interface Spec {
  kind: Kind;
  /** The unit PostgreSQL assumes for a plain number (temp_buffers counts 8kB blocks); amounts are kept in ms or kB. */
  baseUnit: "ms" | "kB" | "8kB" | "";
  /** Inclusive range in the base unit. */
  min: number;
  max: number;
  /** Values allowed outside the range (0 = off, -1 = unlimited). */
  special: number[];
  /** For messages: "0 (off) or 1s..24h". */
  range: string;
}

const S = 1000;
const H = 3600 * S;
const MB = 1024;
const GB = 1024 * MB;

export const SETTING_SPECS: Readonly<Record<GuardrailSetting, Spec>> = {
  statement_timeout: { kind: "time", baseUnit: "ms", min: S, max: 24 * H, special: [0], range: "0 (off) or 1s..24h" },
  idle_in_transaction_session_timeout: { kind: "time", baseUnit: "ms", min: S, max: 24 * H, special: [0], range: "0 (off) or 1s..24h" },
  lock_timeout: { kind: "time", baseUnit: "ms", min: 100, max: H, special: [0], range: "0 (off) or 100ms..1h" },
  work_mem: { kind: "memory", baseUnit: "kB", min: 64, max: 4 * GB, special: [], range: "64kB..4GB" },
  maintenance_work_mem: { kind: "memory", baseUnit: "kB", min: MB, max: 16 * GB, special: [], range: "1MB..16GB" },
  hash_mem_multiplier: { kind: "multiplier", baseUnit: "", min: 1, max: 1000, special: [], range: "1..1000, up to 3 decimals" },
  temp_buffers: { kind: "memory", baseUnit: "8kB", min: 800, max: 8 * GB, special: [], range: "800kB..8GB" },
  temp_file_limit: { kind: "memory", baseUnit: "kB", min: MB, max: 1024 * GB, special: [-1], range: "-1 (unlimited) or 1MB..1TB" },
  connection_limit: { kind: "count", baseUnit: "", min: 0, max: 262_143, special: [-1], range: "-1 (no limit) or 0..262143" },
};

/** Values that mean "no limit": compared as Infinity (a timeout of 0 is off, -1 is unlimited). */
const UNLIMITED: Partial<Record<GuardrailSetting, number>> = { statement_timeout: 0, idle_in_transaction_session_timeout: 0, lock_timeout: 0, temp_file_limit: -1, connection_limit: -1 };

/** Multipliers to the base unit; PostgreSQL's own spellings (memory units are case-sensitive there). */
const TIME_UNITS: Record<string, number> = { ms: 1, s: S, min: 60 * S, h: H, d: 24 * H };
const MEMORY_UNITS: Record<string, number> = { kB: 1, MB, GB, TB: 1024 * GB };
/** Friendly spellings people type, mapped to PostgreSQL's. */
const MEMORY_ALIASES: Record<string, string> = { kb: "kB", k: "kB", mb: "MB", m: "MB", gb: "GB", g: "GB", tb: "TB", t: "TB" };
const TIME_ALIASES: Record<string, string> = { sec: "s", secs: "s", m: "min", mins: "min", hr: "h" };

export function isGuardrailSetting(name: unknown): name is GuardrailSetting {
  return typeof name === "string" && (GUARDRAIL_SETTINGS as readonly string[]).includes(name);
}

export type ParsedValue = { ok: true; value: string; base: number } | { ok: false; message: string };

/**
 * '64MB', '60s', '500ms', 60000 (the setting's base unit) → canonical text ('64MB', '60s', '60000ms')
 * and the amount in the base unit. Integers only: no '1e99', no '1.5s', no trailing SQL.
 */
export function parseSettingValue(setting: GuardrailSetting, input: unknown): ParsedValue {
  const spec = SETTING_SPECS[setting];
  const text = typeof input === "number" ? (Number.isFinite(input) && Math.abs(input) < 1e15 ? String(input) : "") : typeof input === "string" ? input.trim() : "";
  if (text === "") return { ok: false, message: `value: ${setting} needs a value (${spec.range})` };
  if (spec.kind === "multiplier" || spec.kind === "count") return parsePlainNumber(setting, spec, text);
  const m = /^(-?\d{1,16})\s*([A-Za-z]{0,4})$/.exec(text);
  if (!m) return { ok: false, message: `value: "${clip(text)}" is not a valid ${setting} (an integer with an optional unit, ${spec.range})` };
  const n = Number(m[1]);
  const unit = canonicalUnit(spec.kind, m[2]);
  if (unit === null) {
    const units = Object.keys(spec.kind === "time" ? TIME_UNITS : MEMORY_UNITS).join(", ");
    return { ok: false, message: `value: unknown unit "${clip(m[2])}" for ${setting} (use ${units})` };
  }
  const plain = spec.baseUnit === "8kB" ? 8 : 1;
  const mult = unit === "" ? plain : (spec.kind === "time" ? TIME_UNITS : MEMORY_UNITS)[unit];
  const base = n * mult;
  if (spec.special.includes(n) && (unit === "" || n === 0)) return { ok: true, value: `${n}${unit}`, base: n };
  if (!Number.isSafeInteger(base) || base < spec.min || base > spec.max) {
    return { ok: false, message: `value: ${clip(text)} is outside the allowed range for ${setting} (${spec.range})` };
  }
  // A plain number is spelled out in ms or kB, so "1000" for temp_buffers (blocks) cannot be misread.
  return { ok: true, value: unit ? `${n}${unit}` : `${base}${spec.kind === "time" ? "ms" : "kB"}`, base };
}

/** hash_mem_multiplier (a decimal) and connection_limit (an integer): no units. */
function parsePlainNumber(setting: GuardrailSetting, spec: Spec, text: string): ParsedValue {
  const re = spec.kind === "multiplier" ? /^\d{1,4}(\.\d{1,3})?$/ : /^-?\d{1,7}$/;
  if (!re.test(text)) return { ok: false, message: `value: "${clip(text)}" is not a valid ${setting} (${spec.kind === "count" ? "an integer, " : "a number, "}${spec.range})` };
  const n = Number(text);
  if (!spec.special.includes(n) && (n < spec.min || n > spec.max)) return { ok: false, message: `value: ${clip(text)} is outside the allowed range for ${setting} (${spec.range})` };
  return { ok: true, value: String(n), base: n };
}

function canonicalUnit(kind: Kind, raw: string): string | null {
  if (raw === "") return "";
  if (kind === "time") {
    const u = TIME_ALIASES[raw.toLowerCase()] ?? raw.toLowerCase();
    return u in TIME_UNITS ? u : null;
  }
  const u = raw in MEMORY_UNITS ? raw : MEMORY_ALIASES[raw.toLowerCase()];
  return u ?? null;
}

/** Memory units as PostgreSQL reads them (case-sensitive; "B" from 15), in kB. */
const PG_MEMORY_UNITS: Record<string, number> = { B: 1 / 1024, kB: 1, MB, GB, TB: 1024 * GB };
const PG_TIME_UNITS: Record<string, number> = { us: 1 / 1000, ms: 1, s: S, min: 60 * S, h: H, d: 24 * H };

/**
 * A value as PostgreSQL holds it (pg_db_role_setting text such as '2048', '3MB', '1.5GB', '10min') → a
 * comparable amount: kB, ms, the multiplier or the count; Infinity for "no limit"; null when unreadable.
 */
export function settingMagnitude(setting: GuardrailSetting, raw: string | null): number | null {
  if (raw === null) return null;
  const spec = SETTING_SPECS[setting];
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(raw.replace(/^'(.*)'$/, "$1"));
  if (!m) return null;
  const n = Number(m[1]);
  if (UNLIMITED[setting] === n && (m[2] === "" || n === 0)) return Infinity;
  if (spec.kind === "multiplier" || spec.kind === "count") return m[2] === "" ? n : null;
  const units = spec.kind === "time" ? PG_TIME_UNITS : PG_MEMORY_UNITS;
  const mult = m[2] === "" ? (spec.baseUnit === "8kB" ? 8 : 1) : units[m[2]];
  return mult === undefined ? null : n * mult;
}

/** pg_settings.reset_val with its unit column ('4096' 'kB', '1024' '8kB', '0' 'ms') → the same amount. */
export function serverMagnitude(setting: GuardrailSetting, resetVal: string, unit: string | null): number | null {
  const n = Number(resetVal);
  if (resetVal.trim() === "" || !Number.isFinite(n)) return null;
  if (UNLIMITED[setting] === n) return Infinity;
  const mult = unit === null || unit === "" ? 1 : unit === "8kB" ? 8 : (PG_MEMORY_UNITS[unit] ?? PG_TIME_UNITS[unit]);
  return mult === undefined ? null : n * mult;
}

/** An amount back as text: 4096 (work_mem) → '4MB', 60000 (statement_timeout) → '1min', Infinity → '-1' or '0'. */
export function formatMagnitude(setting: GuardrailSetting, n: number): string {
  const spec = SETTING_SPECS[setting];
  if (n === Infinity) return String(UNLIMITED[setting] ?? "unlimited");
  if (spec.kind === "multiplier" || spec.kind === "count") return String(n);
  const units = spec.kind === "time" ? ([["d", 24 * H], ["h", H], ["min", 60 * S], ["s", S], ["ms", 1]] as const) : ([["TB", 1024 * GB], ["GB", GB], ["MB", MB], ["kB", 1]] as const);
  for (const [u, m] of units) if (n >= m && n % m === 0) return `${n / m}${u}`;
  return `${Math.round(n)}${spec.kind === "time" ? "ms" : "kB"}`;
}

/** Lower, same or raise (more memory, a longer timeout, more connections); unknown when either side is unreadable. */
export function directionOf(effective: number | null, proposed: number | null): "lower" | "same" | "raise" | "unknown" {
  if (effective === null || proposed === null) return "unknown";
  return proposed > effective ? "raise" : proposed < effective ? "lower" : "same";
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** One pg_db_role_setting.setconfig entry: 'work_mem=64MB' → ['work_mem', '64MB'] (the value is raw text). */
export function splitConfigEntry(entry: string): [string, string] | null {
  const i = entry.indexOf("=");
  return i > 0 ? [entry.slice(0, i), entry.slice(i + 1)] : null;
}

/** The raw value of one setting in a setconfig array, or null when it is not set there. */
export function configValue(setconfig: string[] | null | undefined, setting: string): string | null {
  for (const e of setconfig ?? []) {
    const kv = splitConfigEntry(e);
    if (kv && kv[0] === setting) return kv[1];
  }
  return null;
}
