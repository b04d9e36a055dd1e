import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/http/page-auth";
import { TokensPanel } from "@/components/admin/tokens-panel";
import { UsersPanel } from "@/components/admin/users-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePageUser("/admin", "users.admin");
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-semibold text-zinc-100">Admin</h1>
      <UsersPanel />
      <TokensPanel title="API tokens" initialAll />
    </div>
  );
}
