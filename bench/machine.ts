// Context for the numbers: this machine is shared (other engineers' builds, tests and demos run on the
// same 2 cores), so the run records load average and CPU time split (incl. VM steal) from /proc/stat.
import fs from "node:fs";
import os from "node:os";

interface CpuTimes {
  busy: number;
  steal: number;
  total: number;
}

function cpuTimes(): CpuTimes | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]; // cpu user nice system idle iowait irq softirq steal
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = v;
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    void idle;
    void iowait;
    return { busy: user + nice + system + irq + softirq, steal, total };
  } catch {
    return null;
  }
}

export const loadavg = () => os.loadavg().map((v) => v.toFixed(2)).join(" ");

/** Starts measuring; the returned function describes the machine since then. */
export function machineWatch(): () => string {
  const start = cpuTimes();
  const loadStart = loadavg();
  return () => {
    const end = cpuTimes();
    let cpu = "";
    if (start && end && end.total > start.total) {
      const d = end.total - start.total;
      cpu = `, CPU ${((100 * (end.busy - start.busy)) / d).toFixed(0)}% busy (all processes) + ${((100 * (end.steal - start.steal)) / d).toFixed(0)}% VM steal`;
    }
    return `load average ${loadStart} at start, ${loadavg()} at end${cpu}`;
  };
}
