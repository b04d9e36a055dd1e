// The audit trail's shapes, shared by the server, the API and the UI. Isomorphic: no Node imports.

export const auditActions = [
  "session.cancel",
  "session.terminate",
  "sessions.bulk_cancel",
  "sessions.bulk_terminate",
  "guardrail.apply",
  "guardrails.preset",
  "guardrail.revert",
  "guardrail.expire",
  "guardrail.recycle_idle",
  "helm.take",
  "helm.force_take",
  "helm.release",
  "incident.open",
  "incident.close",
  "incident.step",
  "incident.note",
  "command.run",
] as const;
export type AuditAction = (typeof auditActions)[number] | (string & {});

/** "interrupted": the console stopped while the action ran, so its result is unknown (written when it restarts). */
export type AuditOutcome = "ok" | "not_found" | "refused" | "error" | "interrupted";

/** What a cancel or terminate did, seen on the monitor's next ticks: the message of its ok outcome row. */
export const SIGNAL_EFFECTS = {
  stopped: "query stopped",
  running: "still running after cancel",
  connected: "still connected after terminate",
  gone: "session gone",
  unknown: "effect unknown (no poll after the signal)",
} as const;

/** The session as the operator saw it when acting (a copy: the session itself will be gone). */
export interface AuditSubject {
  pid: number;
  backendStart: string | null;
  user: string | null;
  database: string | null;
  applicationName: string;
  state: string | null;
  query: string;
  queryStart: string | null;
  xactStart: string | null;
  xactMs: number | null;
  backendXid: string | null;
  backendType: string | null;
}

export interface AuditActor {
  userId: string;
  username: string;
  role: string;
  /** "system": the console itself (a guardrail's expiry). */
  via: "session" | "token" | "system";
  sessionId?: string;
  tokenId?: string;
  clientAddr: string;
  userAgent: string | null;
}

/** One row of the trail. An action writes an "intent" row before it runs and an "outcome" row after. */
export interface AuditEntry {
  id: string; // bigint as text
  at: string; // ISO
  phase: "intent" | "outcome";
  /** For an outcome: the id of its intent. */
  intentId: string | null;
  action: AuditAction;
  targetId: string | null;
  actor: AuditActor;
  subject: AuditSubject | Record<string, unknown> | null;
  /** The exact SQL executed (or to be executed, on the intent). */
  sql: string | null;
  reason: string | null;
  outcome: AuditOutcome | null;
  message: string | null;
  durationMs: number | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { id: string; reason: string };
}
