// The probe's "@@cgroup" section: cgroup v2 memory of each postmaster that runs in one.

export interface CgroupMemory {
  postmasterPid: number;
  path: string;
  memoryCurrentBytes: number;
  /** null for "max" (no limit). */
  memoryMaxBytes: number | null;
  /** memory.events oom_kill (kills inside this cgroup). */
  oomKills: number;
}

export function parseCgroups(lines: string[]): CgroupMemory[] {
  const out: CgroupMemory[] = [];
  let cur: CgroupMemory | null = null;
  for (const line of lines) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === "postmaster") {
      cur = { postmasterPid: Number(rest[0]), path: rest.slice(1).join(" "), memoryCurrentBytes: 0, memoryMaxBytes: null, oomKills: 0 };
      out.push(cur);
    } else if (!cur) continue;
    else if (key === "current") cur.memoryCurrentBytes = Number(rest[0]) || 0;
    else if (key === "max") cur.memoryMaxBytes = rest[0] === "max" || rest[0] === undefined ? null : Number(rest[0]);
    else if (key === "events" && rest[0] === "oom_kill") cur.oomKills = Number(rest[1]) || 0;
  }
  return out;
}

/** The cgroup of the postmaster that owns the given backend pids (or the only one). */
export function pickCgroup(cgroups: CgroupMemory[], postmasterPids: Set<number>): CgroupMemory | null {
  return cgroups.find((c) => postmasterPids.has(c.postmasterPid)) ?? (cgroups.length === 1 ? cgroups[0] : null);
}
