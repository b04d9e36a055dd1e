"use client";
import type { StreamState } from "@/components/live/stream-state";

export interface RunbookPanelProps {
  targetId: string;
  stream: StreamState;
}

/** The runbook checklist (steps 0 to 3 and the rollback plan) with live evidence, checked by a person. */
export function RunbookPanel(_props: RunbookPanelProps) {
  return null;
}
