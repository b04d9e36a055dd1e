// The socket handshake authenticates like an API request (session cookie or bearer token), and a
// socket whose session or token is revoked, whose user is disabled or whose session expired is
// dropped at once (revocation events) or within a minute (the sweep).
import type { IncomingMessage } from "node:http";
import { can } from "../../permissions";
import { authenticate, type Credentials } from "../auth/authenticate";
import { authEvents, type RevokedEvent } from "../auth/events";
import { SESSION_COOKIE, type Principal } from "../auth/sessions";
import { readCookie } from "../http/client-info";
import type { Db } from "../store/prisma";
import type { HubServer, HubSocket } from "./hub";

const SWEEP_MS = 60_000;

/** A browser's Origin must name the host it connected to; a cookie without an Origin is refused. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers.cookie === undefined; // token clients (no browser)
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function credentialsOf(socket: HubSocket): Credentials {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  const token = typeof auth?.token === "string" ? `Bearer ${auth.token}` : undefined;
  return {
    authorization: socket.request.headers.authorization ?? token ?? null,
    sessionToken: readCookie(socket.request.headers.cookie, SESSION_COOKIE),
  };
}

const affects = (ev: RevokedEvent, p: Principal) =>
  ev.sessionId ? p.sessionId === ev.sessionId : ev.tokenId ? p.tokenId === ev.tokenId : ev.userId === p.userId;

export function installSocketAuth(io: HubServer, db: () => Db): () => void {
  io.use(async (socket, next) => {
    try {
      const creds = credentialsOf(socket);
      const principal = await authenticate(db(), creds);
      if (!principal) return next(new Error("unauthenticated: log in first"));
      if (!can(principal.role, "sessions.read")) return next(new Error("forbidden: sessions.read is not allowed"));
      socket.data.principal = principal;
      socket.data.credentials = creds;
      next();
    } catch {
      next(new Error("unavailable: the console's store did not answer"));
    }
  });

  /** Re-authenticates with the socket's own credentials: a new role is taken, a lost login disconnects. */
  const recheck = async (socket: HubSocket) => {
    const principal = await authenticate(db(), socket.data.credentials).catch(() => undefined);
    if (principal === undefined) return; // store unreachable: keep the socket, try again at the next sweep
    if (!principal || !can(principal.role, "sessions.read")) {
      socket.emit("triage:error", { event: "auth", code: "unauthenticated", message: "Your login ended: log in again." });
      socket.disconnect(true);
    } else socket.data.principal = principal;
  };
  const recheckAll = () => io.fetchSockets().then((all) => all.forEach((s) => void recheck(s as unknown as HubSocket)));
  const onRevoked = (ev: RevokedEvent) => {
    for (const s of io.sockets.sockets.values()) if (s.data.principal && affects(ev, s.data.principal)) void recheck(s);
  };
  authEvents().on("revoked", onRevoked);
  authEvents().on("resync", recheckAll);
  const sweep = setInterval(recheckAll, SWEEP_MS).unref();
  return () => {
    clearInterval(sweep);
    authEvents().off("revoked", onRevoked);
    authEvents().off("resync", recheckAll);
  };
}
