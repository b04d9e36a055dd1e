"use client";
import { useEffect, useRef, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import type { VerificationView } from "@/lib/verification";

const POLL_MS = 4000;

export interface VerificationResource {
  data: VerificationView | null;
  /** Why the last poll failed; the previous data stays shown. */
  error: string | null;
}

/** GET the verification view now and every 4 s while mounted: the server answers from its cache. */
export function useVerification(targetId: string): VerificationResource {
  const [data, setData] = useState<VerificationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const path = `/api/targets/${encodeURIComponent(targetId)}/verification`;

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const mine = ++seq.current;
      try {
        const d = await apiFetch<VerificationView>(path, { signal: ctrl.signal });
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
