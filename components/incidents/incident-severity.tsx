import type { Severity } from "@/lib/runbook";

const STYLE: Record<Severity, string> = {
  sev1: "border-rose-600 bg-rose-950 text-rose-200",
  sev2: "border-orange-600 bg-orange-950 text-orange-200",
  sev3: "border-amber-600 bg-amber-950 text-amber-200",
  sev4: "border-sky-700 bg-sky-950 text-sky-200",
};

/** "SEV2" pill; the text carries the meaning, the colour only helps. */
export function IncidentSeverity({ severity }: { severity: string }) {
  return <span className={`rounded border px-1.5 py-0.5 text-xs font-semibold uppercase ${STYLE[severity as Severity] ?? STYLE.sev4}`}>{severity}</span>;
}
