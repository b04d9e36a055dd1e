// Runs before every request: security headers with a per-request CSP nonce, and a redirect to the
// login page for pages without a session cookie. A convenience only: every page and route handler
// checks the session itself (a header trick here must not open anything).
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIE = "triage_session"; // lib/server/auth/sessions.ts (not imported: the proxy stays dependency-free)
const PUBLIC_PAGES = ["/login", "/store-unavailable"];

function csp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // Next's inline bootstrap scripts carry the nonce; nothing else inline runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'", // React style attributes (charts, virtual rows)
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'", // socket.io: same origin (ws: and wss: are covered by 'self' in current browsers)
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const hasSession = req.cookies.has(SESSION_COOKIE) || req.headers.has("authorization");
  if (!isApi && !PUBLIC_PAGES.includes(pathname) && !hasSession) {
    const login = new URL("/login", req.url);
    login.searchParams.set("next", pathname + search);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = csp(nonce, process.env.NODE_ENV !== "production");
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy); // Next reads the nonce from here
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", policy);
  res.headers.set("X-Frame-Options", "DENY");
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("Referrer-Policy", "no-referrer");
  res.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (isApi) res.headers.set("Cache-Control", "no-store");
  return res;
}

export const config = {
  // Static assets and the icon need no session and no nonce.
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
