"use client";
import { useState } from "react";
import type { IncidentTimeline } from "@/lib/report";
import { usePolled } from "@/components/ui/use-polled";

const POLL_MS = 10_000;

/**
 * The server's first render, refreshed every 10 s while the incident is open (a closed one does not
 * change but for guardrails in force). The first poll waits one interval: the page holds fresh data.
 */
export function useTimeline(initial: IncidentTimeline): { data: IncidentTimeline; error: string | null } {
  const [open, setOpen] = useState(initial.incident.status === "open");
  const path = `/api/incidents/${encodeURIComponent(initial.incident.id)}/timeline`;
  const polled = usePolled<IncidentTimeline>(path, POLL_MS, { enabled: open, immediate: false });
  // Until the first answer for this incident, the server's render (never another incident's answer).
  const data = polled.data?.incident.id === initial.incident.id ? polled.data : initial;
  // Closed since the last render: stop polling (state derived from the previous render, React's documented pattern).
  const nowOpen = data.incident.status === "open";
  if (nowOpen !== open) setOpen(nowOpen);
  return { data, error: polled.error };
}
