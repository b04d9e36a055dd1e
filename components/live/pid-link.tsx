"use client";
import { useShowSession } from "./show-session-context";

/** A pid named anywhere on the live view (cards, banners, suspects): one click leads to its highlighted row. */
export function PidLink({ pid }: { pid: number }) {
  const show = useShowSession();
  return (
    <button
      type="button"
      onClick={() => show(pid)}
      aria-label={`Show session pid ${pid}`}
      className="font-mono text-sky-300 underline decoration-sky-700 underline-offset-2 hover:text-sky-200"
    >
      pid {pid}
    </button>
  );
}
