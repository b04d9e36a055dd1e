"use client";
import { useEffect, useRef, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { HISTORY_RANGES, type HistoryRange, type HistoryResponse } from "@/lib/metric-history";

/** A day or more costs the store most of a second per query (measured) and barely moves in 12 s. */
const refreshMs = (range: HistoryRange) => (HISTORY_RANGES[range] >= 86_400_000 ? 60_000 : 12_000);

export interface HistoryResource {
  data: HistoryResponse | null;
  /** Why the last fetch failed; the previous data stays shown. */
  error: string | null;
  loading: boolean;
}

/** GET the history for the range now, on every range change, and every 12 s (60 s for a day or more) while mounted. */
export function useHistory(targetId: string, range: HistoryRange): HistoryResource {
  const [data, setData] = useState<HistoryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const path = `/api/targets/${encodeURIComponent(targetId)}/history?range=${range}`;

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    setLoading(true);
    const poll = async () => {
      const mine = ++seq.current;
      try {
        const d = await apiFetch<HistoryResponse>(path, { signal: ctrl.signal });
        if (mine === seq.current) {
          setData(d);
          setError(null);
        }
      } catch (e) {
        if (!ctrl.signal.aborted && mine === seq.current) setError(errorMessage(e));
      }
      if (ctrl.signal.aborted) return;
      setLoading(false);
      timer = setTimeout(poll, refreshMs(range));
    };
    void poll();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path, range]);

  return { data, error, loading };
}
