"use client";
import type { StreamState } from "@/components/live/stream-state";

export interface CommandsPanelProps {
  targetId: string;
  stream: StreamState;
}

/** The target's configured containment commands, each run after a confirmation that shows the exact command. */
export function CommandsPanel(_props: CommandsPanelProps) {
  return null;
}
