"use client";
import { useCallback, useEffect, useState } from "react";
import type { AuditEntry } from "@/lib/audit";
import { apiFetch } from "@/components/ui/api-fetch";
import { addMarkers, type AuditMarker } from "@/components/charts/audit-markers";
import { HISTORY_WINDOW_MS } from "./stream-state";

/** Markers for the chart: the last 15 minutes of this target's audit outcomes on load, then live ones via `add`. */
export function useAuditMarkers(targetId: string): { markers: AuditMarker[]; add: (entry: AuditEntry) => void } {
  const [markers, setMarkers] = useState<AuditMarker[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    const since = new Date(Date.now() - HISTORY_WINDOW_MS).toISOString();
    const q = new URLSearchParams({ target: targetId, phase: "outcome", since, limit: "200", format: "json" });
    apiFetch<{ entries: AuditEntry[] }>(`/api/audit?${q}`, { signal: ctrl.signal })
      .then((r) => setMarkers((prev) => addMarkers(prev, r.entries, targetId)))
      .catch(() => {
        // No markers is acceptable: the chart and the live view must not depend on the store.
      });
    return () => ctrl.abort();
  }, [targetId]);
  const add = useCallback((entry: AuditEntry) => setMarkers((prev) => addMarkers(prev, [entry], targetId)), [targetId]);
  return { markers, add };
}
