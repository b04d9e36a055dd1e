"use client";
import { usePolled, type Polled } from "@/components/ui/use-polled";
import type { GuardrailsView } from "./types";

export type GuardrailsResource = Polled<GuardrailsView>;

/** The guardrails view now and every 3 s while mounted (no socket push for it). */
export const useGuardrails = (targetId: string): GuardrailsResource => usePolled<GuardrailsView>(`/api/targets/${encodeURIComponent(targetId)}/guardrails`, 3000);
