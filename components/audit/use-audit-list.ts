"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AuditEntry } from "@/lib/audit";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { auditQuery, type AuditFilter } from "./audit-query";

const PAGE = 200;
const DEBOUNCE_MS = 300;

interface AuditPage {
  entries: AuditEntry[];
  /** pairs=1: the other half of each action on the page, whatever the filters. */
  partners: AuditEntry[];
  nextCursor?: string;
}

/**
 * The rows for a filter with the other half of each of their actions (pairs=1, so an intent's outcome is
 * never missing for a filter or a page edge); refetches (debounced) when the filter changes, pages with the cursor.
 */
export function useAuditList(filter: AuditFilter) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const load = useCallback(async (f: AuditFilter, after: string | null) => {
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setLoading(true);
    try {
      const extra: Record<string, string> = { limit: String(PAGE), format: "json", pairs: "1", ...(after ? { cursor: after } : {}) };
      const page = await apiFetch<AuditPage>(`/api/audit?${auditQuery(f, extra)}`, { signal: ctrl.signal });
      const got = [...page.entries, ...page.partners];
      setEntries((prev) => (after ? [...prev, ...got] : got));
      setCursor(page.nextCursor ?? null);
      setError(null);
    } catch (e) {
      if ((e as Error)?.name !== "AbortError") setError(errorMessage(e));
    } finally {
      if (abort.current === ctrl) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void load(filter, null), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [filter, load]);
  useEffect(() => () => abort.current?.abort(), []);

  const loadOlder = useCallback(() => {
    if (cursor) void load(filter, cursor);
  }, [cursor, filter, load]);

  return { entries, setEntries, loading, error, hasOlder: cursor !== null, loadOlder };
}
