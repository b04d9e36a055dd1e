"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, errorMessage } from "./api-fetch";

export interface Polled<T> {
  data: T | null;
  /** Why the last poll failed; the previous data stays shown. */
  error: string | null;
  /** True until the first answer (or failure) for the current path. */
  loading: boolean;
  /** Polls at once (after a change made through the API). */
  reload: () => void;
}

export interface PollOptions {
  /** false: no polling (the data so far stays); true again starts over. Default true. */
  enabled?: boolean;
  /** false: the first GET waits one interval (the page already holds the server's render). Default true. */
  immediate?: boolean;
}

/**
 * GET `path` now and every `intervalMs` while mounted; a new path starts over. The server answers these
 * from its caches and the store, so viewers never cause reads on a monitored database or host.
 */
export function usePolled<T>(path: string, intervalMs: number, { enabled = true, immediate = true }: PollOptions = {}): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [answeredPath, setAnsweredPath] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const mine = ++seq.current;
      try {
        const d = await apiFetch<T>(path, { signal: ctrl.signal });
        if (mine === seq.current) {
          setData(d);
          setError(null);
        }
      } catch (e) {
        if (!ctrl.signal.aborted && mine === seq.current) setError(errorMessage(e));
      }
      if (!ctrl.signal.aborted) setAnsweredPath(path);
      if (!ctrl.signal.aborted) timer = setTimeout(poll, intervalMs);
    };
    if (immediate) void poll();
    else timer = setTimeout(poll, intervalMs);
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path, intervalMs, generation, enabled, immediate]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading: answeredPath !== path, reload };
}
