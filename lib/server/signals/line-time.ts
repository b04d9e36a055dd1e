// A log line's own timestamp, in the formats the sources write. Pure; null when the line has none
// we can place on the clock without guessing (then the caller falls back to the line before, or now).
import type { SignalSource } from "../../signals";

export interface LineTime {
  at: Date;
  /** The timestamp as written: lines without one inherit it (and it tells repeated lines apart). */
  text: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const month = (name: string) => MONTHS.indexOf(name);

const valid = (at: Date, text: string): LineTime | null => (Number.isNaN(at.getTime()) ? null : { at, text });

/** %m / %t: "2026-11-26 18:00:01.123 UTC"; only zones that name an offset (UTC, GMT, +01, -0330): "CET" could be anything. */
const PG_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,6})? (UTC|GMT|Z|[+-]\d{2}(?::?\d{2})?)\b/;

function postgresTime(line: string): LineTime | null {
  const m = PG_TIME.exec(line);
  if (!m) return null;
  const [text, date, time, frac = "", zone] = m;
  const offset = /^[+-]/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3).replace(":", "").padEnd(2, "0")}` : "Z";
  return valid(new Date(`${date}T${time}${frac.slice(0, 4)}${offset}`), text);
}

/** Odoo's formatter: "2026-11-26 18:00:01,123 <pid> ..." in UTC. */
const ODOO_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}),(\d{3}) \d+ /;

function odooTime(line: string): LineTime | null {
  const m = ODOO_TIME.exec(line);
  return m ? valid(new Date(`${m[1]}T${m[2]}.${m[3]}Z`), m[0].trimEnd()) : null;
}

/** dmesg -T: "[Thu Nov 26 18:00:01 2026]"; journalctl -k: "Nov 26 18:00:01 host kernel:" (no year: the one that is not in the future). */
const DMESG_T = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})\]/;
const SYSLOG = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) \S+ kernel:/;

function kernelTime(line: string, now: Date): LineTime | null {
  let m = DMESG_T.exec(line);
  if (m && month(m[1]) >= 0) return valid(new Date(Date.UTC(Number(m[6]), month(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]))), m[0]);
  m = SYSLOG.exec(line);
  if (!m || month(m[1]) < 0) return null;
  const at = (year: number) => new Date(Date.UTC(year, month(m![1]), Number(m![2]), Number(m![3]), Number(m![4]), Number(m![5])));
  const thisYear = at(now.getUTCFullYear());
  return valid(thisYear.getTime() > now.getTime() + 86_400_000 ? at(now.getUTCFullYear() - 1) : thisYear, m[0].replace(/ \S+ kernel:$/, ""));
}

export function lineTime(source: SignalSource, line: string, now: Date): LineTime | null {
  switch (source) {
    case "postgres":
      return postgresTime(line);
    case "odoo":
      return odooTime(line);
    case "kernel":
      return kernelTime(line, now);
  }
}
