"use client";
import { usePolled, type Polled } from "@/components/ui/use-polled";
import type { VerificationView } from "@/lib/verification";

export type VerificationResource = Polled<VerificationView>;

/** The verification view now and every 4 s while mounted: the server answers from its cache. */
export const useVerification = (targetId: string): VerificationResource => usePolled<VerificationView>(`/api/targets/${encodeURIComponent(targetId)}/verification`, 4000);
