"use client";
import type { StreamState } from "@/components/live/stream-state";

export interface SignalsPanelProps {
  targetId: string;
  stream: StreamState;
}

/** Incident signals from the logs: counts per kind and the latest lines, as text. */
export function SignalsPanel(_props: SignalsPanelProps) {
  return null;
}
