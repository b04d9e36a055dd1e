import { z } from "zod";
import { AuthError } from "@/lib/server/auth/errors";
import { login } from "@/lib/server/auth/sessions";
import { assertSameOriginMutation, parseWith, readJson, toResponse } from "@/lib/server/http/api-route";
import { clientAddr } from "@/lib/server/http/client-info";
import { errorResponse, json } from "@/lib/server/http/respond";
import { sessionCookie } from "@/lib/server/http/session-cookie";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

const body = z.object({ username: z.string().min(1, "is required").max(200), password: z.string().min(1, "is required").max(1000) }).strict();

export async function POST(req: Request): Promise<Response> {
  try {
    assertSameOriginMutation(req, "anonymous"); // login CSRF: only our own login page may post here
    const input = parseWith(body, await readJson(req), "body");
    const r = await login(getPrisma(), { ...input, clientAddr: clientAddr(req.headers), userAgent: req.headers.get("user-agent") });
    return json({ user: { username: r.user.username, role: r.user.role } }, 200, { "Set-Cookie": sessionCookie(r.token, r.session.expiresAt, req.headers) });
  } catch (e) {
    if (e instanceof AuthError) {
      if (e.code === "locked") return errorResponse(429, "locked", e.message, { "Retry-After": String(e.retryAfterSeconds ?? 300) });
      return errorResponse(e.code === "disabled" ? 403 : 401, e.code, e.message);
    }
    return toResponse(e);
  }
}
