"use client";
import { useEffect, useRef, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import type { SignalsView } from "@/lib/signals";

/** The server reads the logs every ~12 s; polling a little faster shows a new line soon after. */
const POLL_MS = 5000;

export interface SignalsResource {
  data: SignalsView | null;
  /** Why the last poll failed; the previous data stays shown. */
  error: string | null;
}

/** GET the signals over the last `minutes` now and every 5 s while mounted (reads the store only). */
export function useSignals(targetId: string, minutes: number): SignalsResource {
  const [data, setData] = useState<SignalsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const path = `/api/targets/${encodeURIComponent(targetId)}/signals?minutes=${minutes}`;

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const mine = ++seq.current;
      try {
        const d = await apiFetch<SignalsView>(path, { signal: ctrl.signal });
        if (mine === seq.current) {
          setData(d);
          setError(null);
        }
      } catch (e) {
        if (!ctrl.signal.aborted && mine === seq.current) setError(errorMessage(e));
      }
      if (!ctrl.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path]);

  return { data, error };
}
