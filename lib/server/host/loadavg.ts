// /proc/loadavg: "0.52 0.58 0.59 1/467 12345".
export function parseLoadavg(lines: string[]): [number, number, number] {
  const parts = (lines[0] ?? "").trim().split(/\s+/).map(Number);
  if (parts.length < 3 || parts.slice(0, 3).some(Number.isNaN)) throw new Error(`loadavg: cannot parse "${lines[0] ?? ""}"`);
  return [parts[0], parts[1], parts[2]];
}
