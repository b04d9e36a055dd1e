import { z } from "zod";
import type { AuditEntry } from "./audit";
import type { HistoryPoint, HostHistoryPoint, Snapshot } from "./snapshot";

export const targetIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "targetId may hold letters, digits, _ and - only");
export const subscribePayload = z.object({ targetId: targetIdSchema });
export type SubscribePayload = z.infer<typeof subscribePayload>;

export interface SocketError {
  event: string;
  code: "bad_request" | "unknown_target" | "forbidden" | "unauthenticated";
  message: string;
  targetId?: string;
}

export interface ClientToServerEvents {
  subscribe: (payload: SubscribePayload) => void;
  unsubscribe: (payload: SubscribePayload) => void;
}

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  /** Sent once on subscribe: the in-memory history of the target (at most 15 minutes). */
  history: (payload: { targetId: string; points: HistoryPoint[]; /** Host memory history, when the target has a host. */ hostHistory?: HostHistoryPoint[] }) => void;
  "triage:error": (error: SocketError) => void;
  /** Every audit row as it is written, to every logged-in viewer (audit page, chart markers). */
  audit: (entry: AuditEntry) => void;
}
