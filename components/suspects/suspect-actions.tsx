"use client";
import type { Session } from "@/lib/snapshot";
import type { Suspect } from "@/lib/triage";
import { GuardedButton } from "@/components/auth/guarded-button";
import { useRequestAction } from "@/components/actions/session-actions";
import { rowButtonLabel } from "@/components/actions/action-text";

export const firstLine = (q: string) => q.trim().split("\n", 1)[0] ?? "";

const BUTTON = {
  cancel: "border-sky-700 text-sky-200 enabled:hover:bg-sky-950",
  terminate: "border-rose-700 text-rose-200 enabled:hover:bg-rose-950",
};

export function ActionButton({ session, action, primary }: { session: Session; action: "cancel" | "terminate"; primary: boolean }) {
  const request = useRequestAction();
  return (
    <GuardedButton
      permission={action === "cancel" ? "sessions.cancel" : "sessions.terminate"}
      type="button"
      aria-label={rowButtonLabel(action, session.pid)}
      onClick={() => request?.(session, action)}
      className={`rounded border px-2 py-0.5 text-xs ${BUTTON[action]} ${primary ? "font-semibold" : "opacity-90"}`}
    >
      {action === "cancel" ? "Cancel" : "Terminate"}
    </GuardedButton>
  );
}

/** How long it has been in its state: the running query's age when active, else since its last statement. */
export const stateAge = (s: Session) => (s.state === "active" ? s.queryMs : s.stateMs);

/** The other action, when it makes sense (cancel has nothing to stop in an idle transaction). */
export const secondaryAction = (x: Suspect, s: Session): "cancel" | "terminate" | null =>
  x.action === "cancel" ? "terminate" : s.state === "active" ? "cancel" : null;
