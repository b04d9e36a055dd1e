"use client";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch";
import type { AlertsView } from "@/lib/alerts";

const POLL_MS = 3000;

/** GET the target's alerts now and every 3 s while mounted; null until the first answer (or when it fails). */
export function useAlerts(targetId: string): AlertsView | null {
  const [data, setData] = useState<AlertsView | null>(null);
  const seq = useRef(0);
  const path = `/api/targets/${encodeURIComponent(targetId)}/alerts`;

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const mine = ++seq.current;
      try {
        const d = await apiFetch<AlertsView>(path, { signal: ctrl.signal });
        if (mine === seq.current) setData(d);
      } catch {
        // A failed poll keeps the last answer: the banner must not blink away on one network error.
      }
      if (!ctrl.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path]);

  return data;
}
