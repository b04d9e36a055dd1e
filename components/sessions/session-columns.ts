// Which columns the sessions table shows at a given width. Pure: the table measures, this decides.
import type { SortKey } from "./session-filter";

export type ColumnId = "pid" | "actions" | "state" | "duration" | "who" | "wait" | "memory" | "xactAge" | "database" | "client" | "backendStart" | "xids" | "query";

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** Fixed width in px; the query takes what is left (at least its minimum). */
  width: number;
  /** 0 is always shown; higher numbers give way first when the table is narrow. */
  priority: number;
  sortKey?: SortKey;
  align?: "right";
  description?: string;
}

/** Display order. The query is last and flexible, so it is never pushed off-screen by the others. */
export const COLUMNS: readonly ColumnDef[] = [
  { id: "pid", label: "PID", width: 84, priority: 0, sortKey: "pid" },
  { id: "actions", label: "Actions", width: 140, priority: 0 },
  { id: "state", label: "State", width: 140, priority: 0, sortKey: "state" },
  { id: "duration", label: "Running", width: 84, priority: 0, sortKey: "queryDuration", align: "right", description: "How long the current query has been running" },
  { id: "who", label: "User / app", width: 180, priority: 1, sortKey: "user" },
  { id: "wait", label: "Wait", width: 120, priority: 2, sortKey: "waitEvent" },
  {
    id: "memory",
    label: "Memory",
    width: 84,
    priority: 3,
    sortKey: "memory",
    align: "right",
    description: "Who holds the memory: the backend's PSS from the host (shared_buffers shared out), else its RSS (counts shared_buffers in full, so it overstates)",
  },
  { id: "xactAge", label: "Xact age", width: 92, priority: 4, sortKey: "xactAge", align: "right", description: "Age of the open transaction" },
  { id: "database", label: "Database", width: 128, priority: 5, sortKey: "database" },
  { id: "client", label: "Client", width: 120, priority: 6, sortKey: "client" },
  { id: "backendStart", label: "Backend start", width: 176, priority: 7, sortKey: "backendStart" },
  { id: "xids", label: "xid / xmin", width: 110, priority: 8 },
  { id: "query", label: "Query", width: 0, priority: 0 },
];

/** Enough of a statement to recognise it on one line; less on a phone, where the table scrolls in its box. */
export const QUERY_MIN_WIDTH = 320;
export const NARROW_QUERY_MIN_WIDTH = 220;
const NARROW_BELOW = 768;

export interface ColumnLayout {
  shown: ColumnDef[];
  /** Folded into the expanded row instead. */
  hidden: ColumnDef[];
  /** The table's minimum width: over the container's width only when even the priority-0 columns do not fit. */
  minWidth: number;
}

/** Columns in priority order while they fit beside the query's minimum; the first that does not fit stops the rest. */
export function columnLayout(containerWidth: number): ColumnLayout {
  const queryMin = containerWidth < NARROW_BELOW ? NARROW_QUERY_MIN_WIDTH : QUERY_MIN_WIDTH;
  const byPriority = COLUMNS.filter((c) => c.id !== "query").sort((a, b) => a.priority - b.priority);
  const shownIds = new Set<ColumnId>(["query"]);
  let used = queryMin;
  for (const c of byPriority) {
    if (c.priority > 0 && used + c.width > containerWidth) break;
    shownIds.add(c.id);
    used += c.width;
  }
  return {
    shown: COLUMNS.filter((c) => shownIds.has(c.id)),
    hidden: COLUMNS.filter((c) => !shownIds.has(c.id)),
    minWidth: used,
  };
}
