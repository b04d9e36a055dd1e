"use client";
import type { StreamState } from "@/components/live/stream-state";

export interface IncidentBarProps {
  targetId: string;
  stream: StreamState;
}

/** The open incident of this target (title, severity, age) with Open / Close; or an Open incident button. */
export function IncidentBar(_props: IncidentBarProps) {
  return null;
}
