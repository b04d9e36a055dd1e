"use client";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { Session } from "@/lib/snapshot";
import { sessionKey } from "@/lib/triage";
import type { SessionAction, ToastTone } from "./action-text";
import { ActionToasts, type Toast } from "./action-toasts";
import { SessionActionDialog } from "./session-action-dialog";

type RequestAction = (session: Session, action: SessionAction) => void;

const RequestActionContext = createContext<RequestAction | null>(null);

/** Successes fade after a while; warnings and refusals stay until dismissed. */
const OK_TOAST_MS = 12_000;

interface ProviderProps {
  targetId: string;
  /** The snapshot's record of cancels already sent (server-side, from the audit trail), by sessionKey. */
  cancelsTried: Record<string, string>;
  children: ReactNode;
}

/** Owns the one confirmation dialog and the result toasts for a target's session rows and suspects. */
export function SessionActionsProvider({ targetId, cancelsTried, children }: ProviderProps) {
  const [pending, setPending] = useState<{ session: Session; action: SessionAction } | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  // A stable function: the memoized rows must not re-render when a dialog opens.
  const request = useCallback<RequestAction>((session, action) => setPending({ session, action }), []);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (text: string, tone: ToastTone) => {
      const id = nextId.current++;
      setToasts((ts) => [...ts.slice(-4), { id, text, tone }]);
      if (tone === "ok") {
        const timer = setTimeout(() => {
          timers.current.delete(timer);
          dismiss(id);
        }, OK_TOAST_MS);
        timers.current.add(timer);
      }
    },
    [dismiss],
  );
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);

  return (
    <RequestActionContext.Provider value={request}>
      {children}
      {pending && (
        <SessionActionDialog
          key={`${pending.session.pid}:${pending.session.backendStart}:${pending.action}`}
          targetId={targetId}
          session={pending.session}
          action={pending.action}
          cancelTriedAt={cancelsTried[sessionKey(pending.session.pid, pending.session.backendStart)] ?? null}
          onClose={() => setPending(null)}
          onResult={push}
        />
      )}
      <ActionToasts toasts={toasts} onDismiss={dismiss} />
    </RequestActionContext.Provider>
  );
}

/** Opens the confirmation for a session; null outside a provider (then rows offer no actions). */
export function useRequestAction(): RequestAction | null {
  return useContext(RequestActionContext);
}
