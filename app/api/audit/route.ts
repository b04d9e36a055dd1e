import { can, deniedReason } from "@/lib/permissions";
import { csvResponse } from "@/lib/server/audit/export";
import { auditQuerySchema, searchParamsObject } from "@/lib/server/audit/filters";
import { listAuditEntries, partnersOf } from "@/lib/server/audit/query";
import { apiRoute, parseWith } from "@/lib/server/http/api-route";
import { HttpError } from "@/lib/server/http/respond";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

/** The trail, newest first: ?target=&actor=&action=&outcome=&phase=&since=&until=&q=&limit=&cursor=&format=json|csv[&pairs=1]. */
export const GET = apiRoute({ permission: "audit.read" }, async ({ req, principal }) => {
  const { format, limit, cursor, pairs, ...filter } = parseWith(auditQuerySchema, searchParamsObject(new URL(req.url).searchParams), "query");
  if (format === "csv") {
    if (!can(principal.role, "audit.export")) throw new HttpError(403, "forbidden", `${deniedReason(principal.role, "audit.export")}: audit.export is not allowed.`);
    return csvResponse(getPrisma(), filter, { max: limit, cursor });
  }
  const page = await listAuditEntries(getPrisma(), filter, { limit, cursor });
  return pairs === "1" ? { ...page, partners: await partnersOf(getPrisma(), page.entries) } : page;
});
