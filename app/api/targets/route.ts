import { apiRoute } from "@/lib/server/http/api-route";
import { listTargets } from "@/lib/server/targets";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ permission: "sessions.read" }, async () => ({ targets: listTargets() }));
