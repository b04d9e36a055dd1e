"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import type { GuardrailsView } from "./types";

const POLL_MS = 3000;

export interface GuardrailsResource {
  data: GuardrailsView | null;
  /** Why the last poll failed; the previous data stays shown. */
  error: string | null;
  reload: () => void;
}

/** GET the guardrails view now and every 3 s while mounted (no socket push for it); reload() polls at once. */
export function useGuardrails(targetId: string): GuardrailsResource {
  const [data, setData] = useState<GuardrailsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const seq = useRef(0);
  const path = `/api/targets/${encodeURIComponent(targetId)}/guardrails`;

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const mine = ++seq.current;
      try {
        const d = await apiFetch<GuardrailsView>(path, { signal: ctrl.signal });
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
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, reload };
}
