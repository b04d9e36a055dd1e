"use client";
import type { StreamState } from "@/components/live/stream-state";

export interface HistoryPanelProps {
  targetId: string;
  stream: StreamState;
}

/** Metric history from the store: look back further than the live charts hold (up to 14 days). */
export function HistoryPanel(_props: HistoryPanelProps) {
  return null;
}
