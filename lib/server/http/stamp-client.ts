// Node-only: written by server.ts on every request before Next sees it, so handlers can trust them.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { CLIENT_ADDR_HEADER, CLIENT_PROTO_HEADER } from "./client-info";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]?.trim() || undefined;
// A client can send its own X-Forwarded-For; the trusted proxy appends the address it saw, so the last entry is the one to believe.
const last = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v)?.split(",").pop()?.trim() || undefined;

/** With trustProxy (TRIAGE_TRUST_PROXY=1, behind a reverse proxy) the proxy's X-Forwarded-* are used. */
export function stampClient(req: IncomingMessage, trustProxy: boolean): void {
  const direct = req.socket.remoteAddress ?? "unknown";
  const directProto = (req.socket as TLSSocket).encrypted ? "https" : "http";
  req.headers[CLIENT_ADDR_HEADER] = trustProxy ? (last(req.headers["x-forwarded-for"]) ?? direct) : direct;
  req.headers[CLIENT_PROTO_HEADER] = trustProxy ? (first(req.headers["x-forwarded-proto"]) ?? directProto) : directProto;
}
