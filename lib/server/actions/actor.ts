// Who acted, as the audit records it: the principal plus where the request came from.
import type { AuditActor } from "../../audit";
import type { Principal } from "../auth/sessions";
import { clientAddr } from "../http/client-info";

type HeaderSource = { get(name: string): string | null };

export function actorOf(p: Principal, headers: HeaderSource): AuditActor {
  return {
    userId: p.userId,
    username: p.username,
    role: p.role,
    via: p.via,
    ...(p.sessionId ? { sessionId: p.sessionId } : {}),
    ...(p.tokenId ? { tokenId: p.tokenId } : {}),
    clientAddr: clientAddr(headers),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}
