"use client";
import { useMemo } from "react";
import type { Session } from "@/lib/snapshot";
import type { SessionFilter, SortOrder } from "./session-filter";
import { displayRows, groupParallelWorkers, sessionKey, visibleGroups, type SessionGroup } from "./session-groups";
import { useFrozenOrder } from "./use-frozen-order";

interface RowsOptions {
  showBackground: boolean;
  filter: SessionFilter;
  order: SortOrder;
  expandedGroups: ReadonlySet<string>;
  /** Keep the order (pointer or focus on the table). */
  holding: boolean;
  /** A new object when the person changed what the table shows: the held order is retaken. */
  basis: object;
}

const groupKey = (g: SessionGroup) => sessionKey(g.leader);

/** Snapshot → parallel groups → background toggle, filter, sort → held order → the table's lines. */
export function useSessionRows(sessions: Session[], { showBackground, filter, order, expandedGroups, holding, basis }: RowsOptions) {
  const groups = useMemo(() => groupParallelWorkers(sessions), [sessions]);
  const visible = useMemo(() => visibleGroups(groups, showBackground, filter, order), [groups, showBackground, filter, order]);
  const held = useFrozenOrder(visible.groups, groupKey, holding, basis);
  const rows = useMemo(() => displayRows(held.rows, expandedGroups), [held.rows, expandedGroups]);
  return { groups, rows, matching: visible.groups.length, backgroundCount: visible.backgroundCount, pending: held.pending, refresh: held.refresh };
}
