"use client";
import type { StreamState } from "@/components/live/stream-state";

export interface VerificationPanelProps {
  targetId: string;
  stream: StreamState;
}

/** Step 3 verification: OOM kills since the incident opened, PostgreSQL health, Odoo HTTP check, cron backlog. */
export function VerificationPanel(_props: VerificationPanelProps) {
  return null;
}
