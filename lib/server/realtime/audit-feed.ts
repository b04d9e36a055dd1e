// Every audit row as it is written goes to each socket whose user may read the trail.
import { can } from "../../permissions";
import type { AuditEntry } from "../../audit";
import { auditEvents } from "../audit/events";
import type { HubServer } from "./hub";

export function attachAuditFeed(io: HubServer): () => void {
  const onEntry = (entry: AuditEntry) => {
    for (const s of io.sockets.sockets.values()) if (can(s.data.principal?.role, "audit.read")) s.emit("audit", entry);
  };
  auditEvents().on("entry", onEntry);
  return () => auditEvents().off("entry", onEntry);
}
