"use client";
import { useCallback, useMemo, useState } from "react";
import { mergeFrozenOrder, type FrozenMerge } from "./frozen-order";

/**
 * While `holding`, rows keep the order they had when the hold began (values still update, rows that
 * left stay as gone). A new `basis` (the user changed the filter or the sort) takes a new order at once.
 */
export function useFrozenOrder<T>(current: T[], keyOf: (item: T) => string, holding: boolean, basis: object): FrozenMerge<T> & { refresh: () => void } {
  const [held, setHeld] = useState<{ items: T[]; basis: object } | null>(null);
  // Adjusting state during render (React's pattern for state that follows props): no frame shows the unfrozen order.
  if (holding && (held === null || held.basis !== basis)) setHeld({ items: current, basis });
  else if (!holding && held !== null) setHeld(null);
  const merged = useMemo<FrozenMerge<T>>(
    () => (held ? mergeFrozenOrder(held.items, current, keyOf) : { rows: current.map((item) => ({ item, gone: false })), pending: 0 }),
    [held, current, keyOf],
  );
  // Dropping the held order makes the next render (still holding) take today's.
  const refresh = useCallback(() => setHeld(null), []);
  return { ...merged, refresh };
}
