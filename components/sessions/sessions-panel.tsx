"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Session } from "@/lib/snapshot";
import { useDeniedReason } from "@/components/auth/current-user";
import { Panel } from "@/components/ui/panel";
import { useStableList } from "@/components/ui/use-stable-list";
import { KeyboardHelpDialog } from "./keyboard-help-dialog";
import { defaultSort, distinctValues, emptyFilter, sessionMatcher, type SessionFilter, type SortKey, type SortOrder } from "./session-filter";
import { SessionFilters, type FilterOptions } from "./session-filters";
import { findPid, isBackground, sessionKey } from "./session-groups";
import { SessionsTable } from "./sessions-table";
import { SessionsToolbar } from "./sessions-toolbar";
import { KNOWN_STATES } from "./state-style";
import { useHold } from "./use-hold";
import { usePageKeys } from "./use-page-keys";
import { useSessionRows } from "./use-session-rows";
import { useToggleSet } from "./use-toggle-set";

/** Its Cancel/Terminate buttons need a SessionActionsProvider above it (the live view has one). */
export interface SessionsPanelProps {
  sessions: Session[];
  /** Count of good snapshots so far: while paused, how many the table is behind. */
  updates: number;
  /**
   * Show this session (the host's process table, the Suspects list): filters that hide it are switched
   * off, the row (a worker's group opened) is scrolled into view, ringed and focused. A new seq asks
   * again; a pid not in the table becomes the search. Applied on mount too.
   */
  focus?: { pid: number; seq: number } | null;
  /** A new number asks to focus the search box (the page's `/` from another tab, once this panel shows). */
  searchRequest?: number;
}

/** Durations sort longest first (the question during an incident); everything else ascending. */
const DESC_FIRST: SortKey[] = ["queryDuration", "xactAge", "memory"];

export function SessionsPanel({ sessions, updates, focus, searchRequest = 0 }: SessionsPanelProps) {
  const [filter, setFilter] = useState<SessionFilter>(emptyFilter);
  const [order, setOrder] = useState<SortOrder>(defaultSort);
  const [showBackground, setShowBackground] = useState(false);
  const expanded = useToggleSet();
  const expandedGroups = useToggleSet();
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  usePageKeys(
    () => searchRef.current?.focus(),
    () => setHelpOpen(true),
  );
  useEffect(() => {
    if (searchRequest > 0) searchRef.current?.focus();
  }, [searchRequest]);
  // Paused: the table keeps the sessions it had, while counters and charts keep moving.
  const [paused, setPaused] = useState<{ sessions: Session[]; atUpdate: number } | null>(null);
  const shown = paused?.sessions ?? sessions;

  const zoneRef = useRef<HTMLDivElement>(null);
  const { holding, zoneProps } = useHold(zoneRef);
  const [focusRequest, setFocusRequest] = useState<{ key: string; seq: number; highlight: boolean } | null>(null);
  // The person changed what the table shows (or asked for a row): a held order is retaken.
  const basis = useMemo(() => ({ filter, order, showBackground, focusRequest }), [filter, order, showBackground, focusRequest]);
  const table = useSessionRows(shown, { showBackground, filter, order, expandedGroups: expandedGroups.set, holding, basis });

  // Adjusting state during render on a new request (React's pattern for props that reset state).
  const [focusSeq, setFocusSeq] = useState<number | null>(null);
  if (focus && focus.seq !== focusSeq) {
    setFocusSeq(focus.seq);
    const found = findPid(table.groups, focus.pid);
    if (!found) {
      setFilter({ ...emptyFilter, search: String(focus.pid) });
    } else {
      const matches = sessionMatcher(filter);
      if (!matches(found.group.leader) && !found.group.workers.some(matches)) setFilter(emptyFilter);
      if (isBackground(found.group.leader)) setShowBackground(true);
      if (found.isWorker) expandedGroups.add(sessionKey(found.group.leader));
      setFocusRequest({ key: sessionKey(found.session), seq: focus.seq, highlight: true });
    }
  }

  // Stable lists: the filter fields re-render when the choices change, not on every snapshot.
  const states = useStableList([...new Set([...KNOWN_STATES, ...distinctValues(shown, (s) => s.state)])]);
  const databases = useStableList(distinctValues(shown, (s) => s.database));
  const users = useStableList(distinctValues(shown, (s) => s.user));
  const applications = useStableList(distinctValues(shown, (s) => s.applicationName));
  const options: FilterOptions = useMemo(() => ({ states, databases, users, applications }), [states, databases, users, applications]);

  const onSort = useCallback((key: SortKey) => {
    setOrder((o) => (o.key === key ? { key, dir: o.dir === "asc" ? "desc" : "asc" } : { key, dir: DESC_FIRST.includes(key) ? "desc" : "asc" }));
  }, []);

  const actionsDenied = useDeniedReason("sessions.cancel");
  const actions = (
    <>
      {actionsDenied && <span className="text-xs text-zinc-400">Cancel and Terminate: {actionsDenied}</span>}
      <span className="text-xs text-zinc-400">
        {table.matching} of {shown.length} sessions
      </span>
      {paused && <span className="text-xs text-amber-300">paused — {updates - paused.atUpdate} updates waiting</span>}
      <button
        type="button"
        aria-pressed={paused !== null}
        onClick={() => setPaused(paused ? null : { sessions, atUpdate: updates })}
        className={`rounded border px-2.5 py-1 text-xs font-medium ${paused ? "border-amber-600 bg-amber-950/60 text-amber-200" : "border-zinc-700 text-zinc-300 hover:bg-zinc-800"}`}
      >
        Pause
      </button>
    </>
  );

  return (
    <>
      <Panel title="Sessions" actions={actions}>
        <div className="space-y-3">
          <SessionFilters filter={filter} options={options} onChange={setFilter} searchRef={searchRef} />
          <div ref={zoneRef} {...zoneProps} className="space-y-2">
            <SessionsToolbar
              showBackground={showBackground}
              onShowBackground={setShowBackground}
              backgroundCount={table.backgroundCount}
              holding={holding}
              pending={table.pending}
              onRefresh={table.refresh}
              onHelp={() => setHelpOpen(true)}
            />
            <SessionsTable
              rows={table.rows}
              order={order}
              onSort={onSort}
              expanded={expanded.set}
              onToggleQuery={expanded.toggle}
              expandedGroups={expandedGroups.set}
              onToggleWorkers={expandedGroups.toggle}
              focusRequest={focusRequest}
            />
          </div>
        </div>
      </Panel>
      {helpOpen && <KeyboardHelpDialog onClose={() => setHelpOpen(false)} />}
    </>
  );
}
