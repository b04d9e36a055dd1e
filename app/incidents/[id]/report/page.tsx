import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/server/http/page-auth";
import { loadTimeline } from "@/lib/server/report/timeline";
import { getPrisma } from "@/lib/server/store/store";
import { ReportDocument } from "@/components/report/report-document";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incident report" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function IncidentReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser(`/incidents/${encodeURIComponent(id)}/report`, "incidents.read");
  const timeline = UUID.test(id) ? await loadTimeline(getPrisma(), id) : null;
  if (!timeline) notFound();
  return <ReportDocument timeline={timeline} />;
}
