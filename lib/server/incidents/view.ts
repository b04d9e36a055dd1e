// Store rows as the API shows them (lib/incidents.ts).
import type { IncidentView } from "../../incidents";

type IncidentRow = {
  id: string; targetId: string; title: string; severity: string; status: string; openedAt: Date; openedBy: string; startedAt: Date;
  closedAt: Date | null; closedBy: string | null; summary: string | null; oomKillsAtOpen: number | null; auditId: string;
};

export function incidentView(r: IncidentRow): IncidentView {
  return {
    id: r.id,
    targetId: r.targetId,
    title: r.title,
    severity: r.severity,
    status: r.status,
    openedAt: r.openedAt.toISOString(),
    openedBy: r.openedBy,
    startedAt: r.startedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy,
    summary: r.summary,
    oomKillsAtOpen: r.oomKillsAtOpen,
    auditId: r.auditId,
  };
}
