// Every API route handler goes through apiRoute(): authenticate → (mutations) same-origin check for
// cookie logins and a JSON body → authorize → validate → run. Authentication comes first so an
// anonymous caller learns nothing about a route but "log in".
import type { z } from "zod";
import { can, deniedReason, type Permission } from "../../permissions";
import { authenticate } from "../auth/authenticate";
import { SESSION_COOKIE, type Principal } from "../auth/sessions";
import { getPrisma } from "../store/store";
import { isSameOrigin, readCookie } from "./client-info";
import { errorResponse, HttpError, json } from "./respond";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MAX_BODY_BYTES = 64 * 1024;

export interface RouteContext<B, P> {
  req: Request;
  principal: Principal;
  body: B;
  params: P;
}

interface RouteOptions<B, P> {
  /** null: any logged-in user. */
  permission: Permission | null;
  body?: z.ZodType<B>;
  params?: z.ZodType<P>;
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

export async function principalOf(req: Request): Promise<Principal | null> {
  return authenticate(getPrisma(), {
    sessionToken: readCookie(req.headers.get("cookie"), SESSION_COOKIE),
    authorization: req.headers.get("authorization"),
  });
}

/** A JSON body, or HttpError 400/415 naming the problem. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new HttpError(413, "body_too_large", `The body is over ${MAX_BODY_BYTES} bytes.`);
  try {
    return text.length ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not valid JSON.");
  }
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.length ? issue.path.join(".") : what;
  throw new HttpError(400, "invalid_input", `${field}: ${issue.message}`);
}

/** Cookie-authenticated mutations must come from our own pages (CSRF): tokens need no Origin. */
export function assertSameOriginMutation(req: Request, via: "session" | "token" | "anonymous"): void {
  if (!MUTATING.has(req.method) || via === "token") return;
  if (!isSameOrigin(req.headers)) throw new HttpError(403, "cross_origin", "Cross-origin request refused: the Origin header must name this console.");
}

export function toResponse(e: unknown): Response {
  if (e instanceof HttpError) return errorResponse(e.status, e.code, e.message, e.headers);
  const err = e as { name?: string; code?: string; message?: string };
  if (err?.name === "ForbiddenError") return errorResponse(403, "forbidden", err.message ?? "forbidden");
  if (err?.name === "UserError") return errorResponse(err.code === "unknown_user" ? 404 : 400, err.code ?? "invalid_input", err.message ?? "");
  // The store (or something under it) failed: say so, without internals.
  console.error("pg-triage: request failed:", e);
  return errorResponse(503, "unavailable", "The console's store is unavailable; nothing was changed. Try again shortly.");
}

export function apiRoute<B = undefined, P = undefined>(opts: RouteOptions<B, P>, handler: (ctx: RouteContext<B, P>) => Promise<Response | unknown>) {
  return async (req: Request, ctx: NextContext): Promise<Response> => {
    try {
      const principal = await principalOf(req);
      if (!principal) return errorResponse(401, "unauthenticated", "Log in, or send an API token as Authorization: Bearer <token>.");
      assertSameOriginMutation(req, principal.via);
      if (opts.permission && !can(principal.role, opts.permission)) {
        return errorResponse(403, "forbidden", `${deniedReason(principal.role, opts.permission)}: ${opts.permission} is not allowed.`);
      }
      const params = opts.params ? parseWith(opts.params, await ctx.params, "params") : (undefined as P);
      // Every POST/PUT/PATCH carries JSON, even an empty {}: a form post is refused before anything runs.
      const raw = req.method !== "GET" && req.method !== "DELETE" ? await readJson(req) : undefined;
      const body = opts.body ? parseWith(opts.body, raw, "body") : (undefined as B);
      const out = await handler({ req, principal, body, params });
      return out instanceof Response ? out : json(out);
    } catch (e) {
      return toResponse(e);
    }
  };
}
