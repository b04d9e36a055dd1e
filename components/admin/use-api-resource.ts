"use client";
import { useCallback, useEffect, useState } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";

export interface ApiResource<T> {
  data: T | null;
  /** Why the last load failed; the previous data stays shown. */
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** GET `path` on mount, when `path` changes, and on reload(); a newer load wins over an older one. */
export function useApiResource<T>(path: string): ApiResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    apiFetch<T>(path, { signal: ctrl.signal })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(e));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
