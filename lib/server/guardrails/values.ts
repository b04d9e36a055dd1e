// The settings a guardrail may change, and their values: integers with PostgreSQL's units, inside
// ranges that make sense during an incident. Anything else is refused before any SQL is built.
import { GUARDRAIL_SETTINGS, type GuardrailSetting } from "../pg/sql";

export { GUARDRAIL_SETTINGS, type GuardrailSetting };

type Kind = "time" | "memory";

interface Spec {
  kind: Kind;
  /** The unit PostgreSQL assumes for a plain number. */
  baseUnit: "ms" | "kB";
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
  temp_file_limit: { kind: "memory", baseUnit: "kB", min: MB, max: 1024 * GB, special: [-1], range: "-1 (unlimited) or 1MB..1TB" },
};

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
  const text = typeof input === "number" ? (Number.isSafeInteger(input) ? String(input) : "") : typeof input === "string" ? input.trim() : "";
  if (text === "") return { ok: false, message: `value: ${setting} needs a value (${spec.range})` };
  const m = /^(-?\d{1,16})\s*([A-Za-z]{0,4})$/.exec(text);
  if (!m) return { ok: false, message: `value: "${clip(text)}" is not a valid ${setting} (an integer with an optional unit, ${spec.range})` };
  const n = Number(m[1]);
  const unit = canonicalUnit(spec.kind, m[2]);
  if (unit === null) {
    const units = Object.keys(spec.kind === "time" ? TIME_UNITS : MEMORY_UNITS).join(", ");
    return { ok: false, message: `value: unknown unit "${clip(m[2])}" for ${setting} (use ${units})` };
  }
  const mult = unit === "" ? 1 : (spec.kind === "time" ? TIME_UNITS : MEMORY_UNITS)[unit];
  const base = n * mult;
  if (spec.special.includes(n) && (unit === "" || n === 0)) return { ok: true, value: `${n}${unit}`, base: n };
  if (!Number.isSafeInteger(base) || base < spec.min || base > spec.max) {
    return { ok: false, message: `value: ${clip(text)} is outside the allowed range for ${setting} (${spec.range})` };
  }
  return { ok: true, value: `${n}${unit || spec.baseUnit}`, base };
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
