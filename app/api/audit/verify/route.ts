import { AuditKeyError } from "@/lib/server/audit/key";
import { verifyChain } from "@/lib/server/audit/verify";
import { apiRoute } from "@/lib/server/http/api-route";
import { HttpError } from "@/lib/server/http/respond";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

/** { ok, checked, firstBroken?: { id, reason } }: recomputes the whole chain with the audit key. */
export const GET = apiRoute({ permission: "audit.read" }, async () => {
  try {
    return await verifyChain(getPrisma());
  } catch (e) {
    if (e instanceof AuditKeyError) throw new HttpError(503, "audit_key_unavailable", e.message);
    throw e;
  }
});
