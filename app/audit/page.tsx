import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/http/page-auth";
import { AuditView } from "@/components/audit/audit-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePageUser("/audit", "audit.read");
  return <AuditView />;
}
