// Who is on the other end of a request. server.ts overwrites these headers on every request from the
// socket itself (and the trusted proxy's X-Forwarded-*, when TRIAGE_TRUST_PROXY is set), so a client
// cannot claim another address or scheme.
export const CLIENT_ADDR_HEADER = "x-triage-client-addr";
export const CLIENT_PROTO_HEADER = "x-triage-proto";

type HeaderSource = { get(name: string): string | null };

export function clientAddr(headers: HeaderSource): string {
  return headers.get(CLIENT_ADDR_HEADER) ?? "unknown";
}

export function isHttps(headers: HeaderSource): boolean {
  return headers.get(CLIENT_PROTO_HEADER) === "https";
}

/** The origin the browser must send on a same-origin request: our scheme and the Host it used. */
export function expectedOrigin(headers: HeaderSource): string | null {
  const host = headers.get("host");
  return host ? `${isHttps(headers) ? "https" : "http"}://${host}` : null;
}

/** A cookie-authenticated mutation must come from our own pages: a missing or "null" Origin is refused. */
export function isSameOrigin(headers: HeaderSource): boolean {
  const origin = headers.get("origin");
  const expected = expectedOrigin(headers);
  return !!origin && origin !== "null" && origin === expected;
}

export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null; // a malformed %-escape is no session, not a server error
      }
    }
  }
  return null;
}
