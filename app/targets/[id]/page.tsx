import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTargetSummary } from "@/lib/server/targets";
import { LiveView } from "@/components/live/live-view";

export const dynamic = "force-dynamic";

interface TargetPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: TargetPageProps): Promise<Metadata> {
  const { id } = await params;
  return { title: getTargetSummary(id)?.name ?? "Unknown target" };
}

export default async function TargetPage({ params }: TargetPageProps) {
  const { id } = await params;
  const target = getTargetSummary(id);
  if (!target) notFound();
  // Keyed so moving between targets starts a fresh stream instead of mixing two.
  return <LiveView key={target.id} targetId={target.id} targetName={target.name} />;
}
