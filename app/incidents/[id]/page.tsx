import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/server/http/page-auth";
import { loadTimeline } from "@/lib/server/report/timeline";
import { getPrisma } from "@/lib/server/store/store";
import { IncidentView } from "@/components/timeline/incident-view";

export const dynamic = "force-dynamic";
// The incident's title is untrusted and not for anonymous eyes: a fixed page title.
export const metadata: Metadata = { title: "Incident" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser(`/incidents/${encodeURIComponent(id)}`, "incidents.read");
  const timeline = UUID.test(id) ? await loadTimeline(getPrisma(), id) : null;
  if (!timeline) notFound();
  return <IncidentView key={id} initial={timeline} />;
}
