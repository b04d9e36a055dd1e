"use client";
import { useCallback, useMemo, useState } from "react";
import type { Session } from "@/lib/snapshot";
import { useDeniedReason } from "@/components/auth/current-user";
import { SessionActionsProvider } from "@/components/actions/session-actions";
import { Panel } from "@/components/ui/panel";
import { useStableList } from "@/components/ui/use-stable-list";
import { defaultSort, distinctValues, emptyFilter, filterSessions, sortSessions, type SessionFilter, type SortKey, type SortOrder } from "./session-filter";
import { SessionFilters, type FilterOptions } from "./session-filters";
import { SessionsTable } from "./sessions-table";
import { KNOWN_STATES } from "./state-style";

interface SessionsPanelProps {
  targetId: string;
  sessions: Session[];
  /** Count of good snapshots so far: while paused, how many the table is behind. */
  updates: number;
  /** Show this session (from the host's process table): the search becomes its pid. */
  focus?: { pid: number; seq: number } | null;
}

/** Durations sort longest first (the question during an incident); everything else ascending. */
const DESC_FIRST: SortKey[] = ["queryDuration", "xactAge", "memory"];

export function SessionsPanel({ targetId, sessions, updates, focus }: SessionsPanelProps) {
  const [filter, setFilter] = useState<SessionFilter>(emptyFilter);
  const [order, setOrder] = useState<SortOrder>(defaultSort);
  // Adjusting state during render on a new request (React's pattern for props that reset state).
  const [focusSeq, setFocusSeq] = useState(focus?.seq ?? 0);
  if (focus && focus.seq !== focusSeq) {
    setFocusSeq(focus.seq);
    setFilter({ ...emptyFilter, search: String(focus.pid) });
  }
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // Paused: the table keeps the sessions it had, while counters and charts keep moving.
  const [frozen, setFrozen] = useState<{ sessions: Session[]; atUpdate: number } | null>(null);
  const shown = frozen?.sessions ?? sessions;

  // Stable lists: the filter fields re-render when the choices change, not on every snapshot.
  const states = useStableList([...new Set([...KNOWN_STATES, ...distinctValues(shown, (s) => s.state)])]);
  const databases = useStableList(distinctValues(shown, (s) => s.database));
  const users = useStableList(distinctValues(shown, (s) => s.user));
  const applications = useStableList(distinctValues(shown, (s) => s.applicationName));
  const options: FilterOptions = useMemo(() => ({ states, databases, users, applications }), [states, databases, users, applications]);
  const rows = useMemo(() => sortSessions(filterSessions(shown, filter), order), [shown, filter, order]);

  const onSort = useCallback((key: SortKey) => {
    setOrder((o) => (o.key === key ? { key, dir: o.dir === "asc" ? "desc" : "asc" } : { key, dir: DESC_FIRST.includes(key) ? "desc" : "asc" }));
  }, []);
  const onToggle = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  const paused = frozen !== null;
  const actionsDenied = useDeniedReason("sessions.cancel");
  const actions = (
    <>
      {actionsDenied && <span className="text-xs text-zinc-400">Cancel and Terminate: {actionsDenied}</span>}
      <span className="text-xs text-zinc-400">
        {rows.length} of {shown.length} sessions
      </span>
      {paused && <span className="text-xs text-amber-300">paused — {updates - frozen.atUpdate} updates waiting</span>}
      <button
        type="button"
        aria-pressed={paused}
        onClick={() => setFrozen(paused ? null : { sessions, atUpdate: updates })}
        className={`rounded border px-2.5 py-1 text-xs font-medium ${paused ? "border-amber-600 bg-amber-950/60 text-amber-200" : "border-zinc-700 text-zinc-300 hover:bg-zinc-800"}`}
      >
        Pause
      </button>
    </>
  );

  return (
    <SessionActionsProvider targetId={targetId}>
      <Panel title="Sessions" actions={actions}>
        <div className="space-y-3">
          <SessionFilters filter={filter} options={options} onChange={setFilter} />
          <SessionsTable rows={rows} order={order} onSort={onSort} expanded={expanded} onToggle={onToggle} />
        </div>
      </Panel>
    </SessionActionsProvider>
  );
}
