import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/http/page-auth";
import { listAllIncidents } from "@/lib/server/report/list";
import { getPrisma } from "@/lib/server/store/store";
import { IncidentList } from "@/components/report/incident-list";
import { Panel } from "@/components/ui/panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requirePageUser("/incidents", "incidents.read");
  const incidents = await listAllIncidents(getPrisma());
  return (
    <Panel title="Incidents">
      <IncidentList incidents={incidents} now={new Date().toISOString()} />
    </Panel>
  );
}
