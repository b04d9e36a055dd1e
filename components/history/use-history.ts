"use client";
import { usePolled, type Polled } from "@/components/ui/use-polled";
import { HISTORY_RANGES, type HistoryRange, type HistoryResponse } from "@/lib/metric-history";

/** A day or more costs the store most of a second per query (measured) and barely moves in 12 s. */
const refreshMs = (range: HistoryRange) => (HISTORY_RANGES[range] >= 86_400_000 ? 60_000 : 12_000);

export type HistoryResource = Polled<HistoryResponse>;

/** The history for the range now, on every range change, and every 12 s (60 s for a day or more) while mounted. */
export const useHistory = (targetId: string, range: HistoryRange): HistoryResource =>
  usePolled<HistoryResponse>(`/api/targets/${encodeURIComponent(targetId)}/history?range=${range}`, refreshMs(range));
