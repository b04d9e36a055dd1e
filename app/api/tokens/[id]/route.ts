import { z } from "zod";
import { can } from "@/lib/permissions";
import { revokeToken } from "@/lib/server/auth/api-tokens";
import { apiRoute } from "@/lib/server/http/api-route";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

/** Revokes one's own token; an admin may revoke anyone's. */
export const DELETE = apiRoute({ permission: "tokens.self", params: z.object({ id: z.string().min(1).max(100) }) }, async ({ params, principal }) => ({
  token: await revokeToken(getPrisma(), params.id, can(principal.role, "users.admin") ? {} : { userId: principal.userId }),
}));
