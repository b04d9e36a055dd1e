"use client";
import { useShowSession } from "./show-session-context";

/** A pid named outside the sessions table: one click shows its session there. The label holds the visible text. */
export function PidLink({ pid }: { pid: number }) {
  const showSession = useShowSession();
  return (
    <button
      type="button"
      onClick={() => showSession(pid)}
      aria-label={`Show session pid ${pid}`}
      className="font-mono text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:decoration-sky-300 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
    >
      pid {pid}
    </button>
  );
}
