import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/http/page-auth";
import { TokensPanel } from "@/components/admin/tokens-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requirePageUser("/tokens", "tokens.self");
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-semibold text-zinc-100">My API tokens</h1>
      <p className="text-zinc-400">
        {`Tokens let scripts call the API as ${user.username} with the ${user.role} role: send `}
        <code className="font-mono text-zinc-300">Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <TokensPanel title="Tokens" />
    </div>
  );
}
