"use client";
import { useEffect, useState } from "react";
import type { IncidentTimeline } from "@/lib/report";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";

const POLL_MS = 10_000;

/** The server's first render, refreshed every 10 s while the incident is open (a closed one does not change but for guardrails in force). */
export function useTimeline(initial: IncidentTimeline): { data: IncidentTimeline; error: string | null } {
  const [data, setData] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const open = data.incident.status === "open";
  const path = `/api/incidents/${encodeURIComponent(initial.incident.id)}/timeline`;

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        setData(await apiFetch<IncidentTimeline>(path, { signal: ctrl.signal }));
        setError(null);
      } catch (e) {
        if (!ctrl.signal.aborted) setError(errorMessage(e));
      }
      if (!ctrl.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path, open]);

  return { data, error };
}
