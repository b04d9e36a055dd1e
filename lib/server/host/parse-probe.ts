// The whole probe output, section by section, into one sample. Pure.
import { parseCgroups, type CgroupMemory } from "./cgroup";
import { parseLoadavg } from "./loadavg";
import { parseMeminfo, type Meminfo } from "./meminfo";
import { splitSections } from "./probe-script";
import { parseProcesses, type ProcessRow } from "./processes";
import { parsePsi, type PsiResult } from "./psi";
import { parseVmstat, type VmstatSample } from "./vmstat";

export interface ProbeSample {
  meminfo: Meminfo;
  vmstat: VmstatSample;
  psi: PsiResult;
  loadAvg: [number, number, number];
  processes: ProcessRow[];
  cgroups: CgroupMemory[];
}

export function parseProbe(out: string, atMs: number): ProbeSample {
  const s = splitSections(out);
  if (!s.has("end")) throw new Error("probe output is incomplete (no end marker)");
  return {
    meminfo: parseMeminfo(s.get("meminfo") ?? []),
    vmstat: parseVmstat(s.get("vmstat") ?? [], atMs),
    psi: parsePsi(s.get("psi") ?? []),
    loadAvg: parseLoadavg(s.get("loadavg") ?? []),
    processes: parseProcesses(s.get("ps") ?? [], s.get("smaps") ?? []),
    cgroups: parseCgroups(s.get("cgroup") ?? []),
  };
}
