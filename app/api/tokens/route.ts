import { z } from "zod";
import { can } from "@/lib/permissions";
import { createToken, listTokens } from "@/lib/server/auth/api-tokens";
import { apiRoute } from "@/lib/server/http/api-route";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

/** One's own tokens; an admin may ask for everyone's with ?all=1. */
export const GET = apiRoute({ permission: "tokens.self" }, async ({ req, principal }) => {
  const all = new URL(req.url).searchParams.get("all") === "1" && can(principal.role, "users.admin");
  return { tokens: await listTokens(getPrisma(), all ? {} : { userId: principal.userId }) };
});

export const POST = apiRoute({ permission: "tokens.self", body: z.object({ name: z.string() }).strict() }, async ({ body, principal }) =>
  createToken(getPrisma(), principal.userId, body.name),
);
