// What the action dialogs and toasts say. Pure, so the exact wording is unit-tested (e2e relies on it).

export type SessionAction = "cancel" | "terminate";

/** The server's answer to POST .../cancel|terminate. */
export interface ActionResult {
  signalled: boolean;
  /** Cancel: the query was no longer running at the next poll; terminate: the session was gone. null: not checked. */
  goneAfter: boolean | null;
}

export interface ActionResponse {
  ok: true;
  auditId: string;
  result: ActionResult;
}

/** Accessible name of the row button, e.g. "Cancel pid 1234". */
export const rowButtonLabel = (action: SessionAction, pid: number) => `${action === "cancel" ? "Cancel" : "Terminate"} pid ${pid}`;

/** The dialog's confirm button: names exactly what it does. */
export const confirmLabel = (action: SessionAction, pid: number) => (action === "cancel" ? `Cancel query of pid ${pid}` : `Terminate pid ${pid}`);

export const dialogTitle = (action: SessionAction, pid: number) => (action === "cancel" ? `Cancel the query of pid ${pid}?` : `Terminate pid ${pid}?`);

export const CANCEL_EFFECT = "asks the running query to stop; the session stays connected";
export const TERMINATE_EFFECT = "ends the connection; its open transaction rolls back";
export const WROTE_WARNING = "this session has written in its transaction: those changes are lost";
export const SKIP_CANCEL_LABEL = "Terminate without trying cancel first";

export type ToastTone = "ok" | "warn" | "error";

/** The honest outcome of a call that the server accepted. */
export function resultText(action: SessionAction, pid: number, r: ActionResult): { text: string; tone: ToastTone } {
  if (!r.signalled) {
    return { text: `${action === "cancel" ? "Cancel" : "Terminate"} of pid ${pid} was not signalled: PostgreSQL found no such backend`, tone: "warn" };
  }
  if (action === "cancel") {
    if (r.goneAfter === true) return { text: `Cancelled pid ${pid} (query stopped)`, tone: "ok" };
    if (r.goneAfter === false) return { text: `Cancel of pid ${pid} signalled; still running at the next poll`, tone: "warn" };
    return { text: `Cancel of pid ${pid} signalled; not yet confirmed by a poll`, tone: "ok" };
  }
  if (r.goneAfter === true) return { text: `Terminated pid ${pid} (session gone)`, tone: "ok" };
  if (r.goneAfter === false) return { text: `Terminate of pid ${pid} signalled; still connected at the next poll`, tone: "warn" };
  return { text: `Terminate of pid ${pid} signalled; not yet confirmed by a poll`, tone: "ok" };
}

/** A refusal or failure: the server's message, prefixed with what was attempted. */
export function refusalText(action: SessionAction, pid: number, message: string): string {
  return `${action === "cancel" ? "Cancel" : "Terminate"} of pid ${pid} refused: ${message}`;
}

/** Why a row offers no action, or null when it does. */
export function notActionableReason(s: { isTriage: boolean; backendType: string | null; backendStart: string | null }): string | null {
  if (s.isTriage) return "The console's own connection";
  if (s.backendType !== "client backend") return `Not a client backend (${s.backendType ?? "unknown type"})`;
  if (!s.backendStart) return "No backend start time to identify the session";
  return null;
}

/** Cut long text before it reaches the DOM. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
