"use client";
import { usePolled, type Polled } from "@/components/ui/use-polled";
import type { SignalsView } from "@/lib/signals";

export type SignalsResource = Polled<SignalsView>;

/** The signals over the last `minutes`, every 5 s: the server reads the logs every ~12 s, so a new line shows soon after. */
export const useSignals = (targetId: string, minutes: number): SignalsResource =>
  usePolled<SignalsView>(`/api/targets/${encodeURIComponent(targetId)}/signals?minutes=${minutes}`, 5000);
