import { requirePageUser } from "@/lib/server/http/page-auth";
import { listTargets } from "@/lib/server/targets";
import { TargetsTable } from "@/components/targets/targets-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Panel } from "@/components/ui/panel";

// The list reflects live monitor state: never prerender it.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requirePageUser("/");
  return (
    <>
      <h1 className="sr-only">Targets</h1>
      <Panel title="Targets">
        <TargetsTable targets={listTargets()} />
      </Panel>
      <AutoRefresh intervalMs={5000} />
    </>
  );
}
