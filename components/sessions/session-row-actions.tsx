"use client";
import type { Session } from "@/lib/snapshot";
import { GuardedButton } from "@/components/auth/guarded-button";
import { useRequestAction } from "@/components/actions/session-actions";
import { notActionableReason, rowButtonLabel } from "@/components/actions/action-text";

const button = "rounded border px-1.5 py-0 text-xs";

/**
 * Cancel and Terminate for one row. The permission reason stays in the button's title and description
 * (visually hidden here: 2000 rows of it would drown the table; the panel header says it once).
 */
export function SessionRowActions({ session: s }: { session: Session }) {
  const request = useRequestAction();
  if (!request) return null;
  const reason = notActionableReason(s);
  if (reason) {
    return (
      <span className="text-[11px] text-zinc-400" title={reason}>
        {s.isTriage ? "own connection" : "no actions"}
        <span className="sr-only">: {reason}</span>
      </span>
    );
  }
  return (
    <span className="flex gap-1 [&_button+span]:sr-only">
      <GuardedButton
        permission="sessions.cancel"
        type="button"
        aria-label={rowButtonLabel("cancel", s.pid)}
        onClick={() => request(s, "cancel")}
        className={`${button} border-sky-800 text-sky-300 enabled:hover:bg-sky-950`}
      >
        Cancel
      </GuardedButton>
      <GuardedButton
        permission="sessions.terminate"
        type="button"
        aria-label={rowButtonLabel("terminate", s.pid)}
        onClick={() => request(s, "terminate")}
        className={`${button} border-rose-800 text-rose-300 enabled:hover:bg-rose-950`}
      >
        Terminate
      </GuardedButton>
    </span>
  );
}
