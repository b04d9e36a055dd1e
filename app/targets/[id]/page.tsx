import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentPageUser, requirePageUser } from "@/lib/server/http/page-auth";
import { getTargetSummary } from "@/lib/server/targets";
import { LiveView } from "@/components/live/live-view";

export const dynamic = "force-dynamic";

interface TargetPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: TargetPageProps): Promise<Metadata> {
  const { id } = await params;
  // The title must not tell an anonymous visitor which targets exist.
  if (!(await currentPageUser())) return { title: "Log in" };
  return { title: getTargetSummary(id)?.name ?? "Unknown target" };
}

export default async function TargetPage({ params }: TargetPageProps) {
  const { id } = await params;
  await requirePageUser(`/targets/${encodeURIComponent(id)}`);
  const target = getTargetSummary(id);
  if (!target) notFound();
  // Keyed so moving between targets starts a fresh stream instead of mixing two.
  return <LiveView key={target.id} targetId={target.id} targetName={target.name} />;
}
