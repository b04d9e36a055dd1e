// /proc/pressure/memory (PSI, Linux 4.20+ with CONFIG_PSI and not psi=0).
import type { PressureStall } from "../../snapshot";

export type PsiResult = { psi: PressureStall } | { psi: null; unavailable: string };

export function parsePsi(lines: string[]): PsiResult {
  const v: Record<string, number> = {};
  for (const line of lines) {
    const m = /^(some|full)\s+avg10=([\d.]+)\s+avg60=([\d.]+)\s+avg300=([\d.]+)/.exec(line);
    if (!m) continue;
    v[`${m[1]}10`] = Number(m[2]);
    v[`${m[1]}60`] = Number(m[3]);
    v[`${m[1]}300`] = Number(m[4]);
  }
  if (v.some10 === undefined) {
    const why = lines.join(" ").replace(/^cat:\s*/, "").trim();
    return { psi: null, unavailable: `no memory pressure (PSI) on this kernel: ${why || "/proc/pressure/memory is empty"}` };
  }
  // "full" appeared in 5.x for memory; older kernels print only "some".
  return {
    psi: {
      someAvg10: v.some10, someAvg60: v.some60, someAvg300: v.some300,
      fullAvg10: v.full10 ?? 0, fullAvg60: v.full60 ?? 0, fullAvg300: v.full300 ?? 0,
    },
  };
}
