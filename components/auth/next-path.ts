// Where to go after logging in: only a path on this site, never another origin (open redirect).
// Isomorphic: used by the login page (server) and the login form (browser).

/** `raw` if it is a same-site path ("/x", not "//x", "/\x", a URL, or the login page itself), else "/". */
export function safeNextPath(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Browsers drop tabs and newlines inside URLs ("/\n/evil" becomes "//evil") and treat "\" as "/".
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  try {
    const url = new URL(value, "http://same.invalid");
    if (url.origin !== "http://same.invalid") return "/";
    if (url.pathname === "/login" || url.pathname.startsWith("/login/")) return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
