// Every row written by this process, for the socket hub to broadcast (registry singleton: Next's
// route handlers and server.ts load separate copies of this module).
import { EventEmitter } from "node:events";
import type { AuditEntry } from "../../audit";
import { singleton } from "../registry";

type AuditEventMap = { entry: [AuditEntry] };

export function auditEvents(): EventEmitter<AuditEventMap> {
  return singleton("auditEvents", () => new EventEmitter<AuditEventMap>().setMaxListeners(0));
}

/** A listener that throws must not turn a written row into a failed action. */
export function emitEntry(entry: AuditEntry): void {
  try {
    auditEvents().emit("entry", entry);
  } catch (e) {
    console.error("pg-triage: an audit entry listener failed:", e);
  }
}
