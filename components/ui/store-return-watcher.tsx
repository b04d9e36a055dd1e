"use client";
import { useEffect, useState } from "react";

const POLL_MS = 2000;

/** Asks /api/health (anonymous: status only) until the store is back, then goes to `next`. */
export function StoreReturnWatcher({ next }: { next: string }) {
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      const r = await fetch("/api/health", { cache: "no-store" }).catch(() => null);
      if (stopped) return;
      // down (503) is the store; no answer is the console itself: keep waiting either way.
      if (r && r.status !== 503 && r.ok) window.location.assign(next);
      else setChecks((n) => n + 1);
    };
    const timer = setInterval(() => void check(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [next]);
  return (
    <p className="mt-3 text-xs text-zinc-400" aria-live="polite">
      {`This page returns to ${next} by itself when the store is back${checks ? ` (checked ${checks} time${checks === 1 ? "" : "s"})` : ""}.`}
    </p>
  );
}
