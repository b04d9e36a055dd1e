"use client";
import type { StreamState } from "@/components/live/stream-state";

export interface AlertsBannerProps {
  targetId: string;
  stream: StreamState;
}

/** Firing alerts of this target as a banner. */
export function AlertsBanner(_props: AlertsBannerProps) {
  return null;
}
