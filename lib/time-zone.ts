// Times said with their zone: the browser's local zone (abbreviation and UTC offset) or UTC. Pure and
// isomorphic; `timeZone` (an IANA name) is for tests and servers, the default is the runtime's zone.

const pad = (n: number) => String(n).padStart(2, "0");

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function partsIn(ms: number, timeZone?: string): Parts {
  const f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** Minutes east of UTC at that instant in that zone (DST included). */
export function offsetMinutes(ms: number, timeZone?: string): number {
  const p = partsIn(ms, timeZone);
  return Math.round((Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** "UTC+01:00", "UTC-05:30", "UTC" for zero. */
export function offsetText(minutes: number): string {
  if (minutes === 0) return "UTC";
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? "-" : "+"}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The zone as people read it: "CET, UTC+01:00" (the abbreviation when the runtime knows one), or "UTC". */
export function zoneLabel(ms: number, opts: { utc?: boolean; timeZone?: string } = {}): string {
  if (opts.utc) return "UTC";
  const off = offsetText(offsetMinutes(ms, opts.timeZone));
  const name = new Intl.DateTimeFormat("en-US", { timeZone: opts.timeZone, timeZoneName: "short" }).formatToParts(new Date(ms)).find((x) => x.type === "timeZoneName")?.value;
  // "GMT+1" is only the offset again.
  return name && !/^(GMT|UTC)([+-]|$)/.test(name) ? `${name}, ${off}` : off;
}

/** "2026-11-26 19:04:09 CET, UTC+01:00" (local) or "2026-11-26 18:04:09 UTC"; "—" when unreadable. */
export function formatZoned(iso: string | number, opts: { utc?: boolean; timeZone?: string } = {}): string {
  const ms = typeof iso === "number" ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return "—";
  const p = partsIn(ms, opts.utc ? "UTC" : opts.timeZone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)} ${zoneLabel(ms, opts)}`;
}

/** A datetime-local input's value ("2026-11-26T19:04:09") for an instant, in the runtime's zone. */
export function localInputValue(ms: number, timeZone?: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}
