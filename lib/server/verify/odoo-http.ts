// Runbook 3.3 "login works": GET <odoo.url>/web/login as an anonymous client (no cookies, no redirects
// followed), a fresh connection each time so the latency includes connecting, as a user's would.
import http from "node:http";
import https from "node:https";
import type { OdooHttpCheck } from "../../verification";

export const ODOO_TIMEOUT_MS = 5000;
/** The login page is a few kB; a bigger answer is cut off (its status is what counts). */
const MAX_BODY_BYTES = 512 * 1024;

/** <base>/web/login, keeping a path prefix (https://erp.example.com/odoo → /odoo/web/login). */
export function loginUrl(base: string): URL {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/web/login`;
  u.search = "";
  u.hash = "";
  return u;
}

/** The URL as shown to viewers: never the credentials a config may carry. */
export function displayUrl(u: URL): string {
  const shown = new URL(u.href);
  shown.username = "";
  shown.password = "";
  return shown.href;
}

/** A readable reason for a failed request, with the errno code kept for searching. */
export function describeHttpError(e: unknown, host: string): string {
  const err = e as { code?: string; message?: string };
  const code = err.code ?? "";
  const reason: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: `DNS lookup failed: host "${host}" not found`,
    EAI_AGAIN: `DNS lookup failed (temporary) for "${host}"`,
    ECONNRESET: err.message === "socket hang up" ? "connection closed before an answer" : "connection reset",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    ETIMEDOUT: "connection timed out",
  };
  if (reason[code]) return `${reason[code]} (${code})`;
  if (/CERT|SSL|TLS/i.test(code)) return `TLS: ${err.message ?? code} (${code})`;
  return err.message ? (code && !err.message.includes(code) ? `${err.message} (${code})` : err.message) : String(e);
}

/** Never rejects: every failure is a result with its error text. */
export function checkOdooHttp(base: string, timeoutMs = ODOO_TIMEOUT_MS): Promise<OdooHttpCheck> {
  const at = new Date().toISOString();
  let url: URL;
  try {
    url = loginUrl(base);
  } catch {
    return Promise.resolve({ url: base, at, status: null, latencyMs: null, error: "odoo.url is not a valid URL", ok: false });
  }
  const shown = displayUrl(url);
  const started = performance.now();
  return new Promise((resolve) => {
    let status: number | null = null;
    let location: string | undefined;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      const latencyMs = status === null ? null : Math.round(performance.now() - started);
      resolve({ url: shown, at, status, latencyMs, ...(error ? { error } : {}), ...(location ? { location } : {}), ok: status === 200 && !error });
    };
    const get = url.protocol === "https:" ? https.get : http.get;
    const req = get(url, { agent: false, headers: { "user-agent": "pg-triage", accept: "text/html" } }, (res) => {
      status = res.statusCode ?? null;
      // Reported, never followed: a login page that redirects is itself a finding.
      if (status !== null && status >= 300 && status < 400 && typeof res.headers.location === "string") location = res.headers.location.slice(0, 300);
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_BODY_BYTES) finish();
      });
      res.on("end", () => finish());
      res.on("error", (e) => finish(`answer cut off: ${describeHttpError(e, url.hostname)}`));
      res.on("aborted", () => finish("answer cut off"));
    });
    const timer = setTimeout(() => finish(status === null ? `timed out after ${timeoutMs} ms` : `page not complete after ${timeoutMs} ms`), timeoutMs);
    req.on("error", (e) => finish(describeHttpError(e, url.hostname)));
  });
}
