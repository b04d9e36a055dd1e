import { logout, SESSION_COOKIE } from "@/lib/server/auth/sessions";
import { apiRoute } from "@/lib/server/http/api-route";
import { readCookie } from "@/lib/server/http/client-info";
import { json } from "@/lib/server/http/respond";
import { clearedSessionCookie } from "@/lib/server/http/session-cookie";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ permission: null }, async ({ req }) => {
  await logout(getPrisma(), readCookie(req.headers.get("cookie"), SESSION_COOKIE));
  return json({ ok: true }, 200, { "Set-Cookie": clearedSessionCookie(req.headers) });
});
