"use client";
import { usePolled } from "@/components/ui/use-polled";
import type { AlertsView } from "@/lib/alerts";

/** The target's alerts every 3 s; a failed poll keeps the last answer, so the banner does not blink away on one network error. */
export const useAlerts = (targetId: string): AlertsView | null => usePolled<AlertsView>(`/api/targets/${encodeURIComponent(targetId)}/alerts`, 3000).data;
