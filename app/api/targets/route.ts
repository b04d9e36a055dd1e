import { listTargets } from "@/lib/server/targets";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ targets: listTargets() }, { headers: { "Cache-Control": "no-store" } });
}
