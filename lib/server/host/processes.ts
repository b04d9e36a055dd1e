// The probe's "@@ps" lines ("P|O|X pid ppid rssKiB vszKiB args") and "@@smaps" lines
// ("pid/smaps_rollup:Pss:  123 kB"), joined by pid. A process may vanish between ps and the smaps
// read: it then keeps its RSS and has no PSS.
import type { HostProcess } from "../../snapshot";

const KIND = { P: "postgres", O: "odoo", X: "other" } as const;

export interface ProcessRow extends HostProcess {
  ppid: number;
}

/** A short name for the list: "postgres" for a backend title, else the program's basename. */
export function commandOf(args: string, kind: HostProcess["kind"]): string {
  if (kind === "postgres") return "postgres";
  const first = args.trim().split(/\s+/)[0] ?? "";
  return first.replace(/^.*\//, "") || args.slice(0, 40);
}

export function parseProcesses(psLines: string[], smapsLines: string[]): ProcessRow[] {
  const smaps = new Map<number, { pss?: number; anon?: number }>();
  for (const line of smapsLines) {
    const m = /^(\d+)\/smaps_rollup:(Pss|Anonymous):\s+(\d+)\s*kB/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    const e = smaps.get(pid) ?? {};
    if (m[2] === "Pss") e.pss = Number(m[3]) * 1024;
    else e.anon = Number(m[3]) * 1024;
    smaps.set(pid, e);
  }
  const out: ProcessRow[] = [];
  for (const line of psLines) {
    const m = /^([POX]) (\d+) (\d+) (\d+) (\d+) ?(.*)$/.exec(line);
    if (!m) continue;
    const kind = KIND[m[1] as keyof typeof KIND];
    const pid = Number(m[2]);
    const args = m[6];
    const row: ProcessRow = { pid, ppid: Number(m[3]), command: commandOf(args, kind), kind, rssBytes: Number(m[4]) * 1024, vmsBytes: Number(m[5]) * 1024 };
    const s = smaps.get(pid);
    if (s?.pss !== undefined) row.pssBytes = s.pss;
    if (s?.anon !== undefined) row.anonBytes = s.anon;
    out.push(row);
  }
  return out;
}
