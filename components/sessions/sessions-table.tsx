"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { columnLayout } from "./session-columns";
import type { SortKey, SortOrder } from "./session-filter";
import type { DisplayRow } from "./session-groups";
import { SessionRow } from "./session-row";
import { SortHeader } from "./sort-header";
import { useRowKeys } from "./use-row-keys";

const ROW_HEIGHT = 25;
/** Until the first measure: the 1440 px layout's table box. */
const DEFAULT_WIDTH = 1350;

interface SessionsTableProps {
  rows: DisplayRow[];
  order: SortOrder;
  onSort: (key: SortKey) => void;
  expanded: ReadonlySet<string>;
  onToggleQuery: (key: string) => void;
  expandedGroups: ReadonlySet<string>;
  onToggleWorkers: (key: string) => void;
  /** Move focus to this row (scrolled into view); `highlight` also rings it until focus moves on. */
  focusRequest: { key: string; seq: number; highlight: boolean } | null;
}

/**
 * Virtualized but still a real table: only the visible rows are in the DOM, and spacer rows above
 * and below keep the scroll height. The columns follow the box's width (session-columns.ts).
 */
export function SessionsTable({ rows, order, onSort, expanded, onToggleQuery, expandedGroups, onToggleWorkers, focusRequest }: SessionsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const layout = useMemo(() => columnLayout(width), [width]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Index keys (the default): a per-render key function would make the virtualizer re-measure all
    // 2000 rows on every snapshot. Rows are in normal table flow, so a stale size only shifts padding.
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [highlightKey, setHighlightKey] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  /** Scrolls the virtual list to the row, then focuses it once it is rendered (a few frames at most). */
  const focusRow = useCallback(
    (key: string) => {
      const index = rowsRef.current.findIndex((r) => r.key === key);
      if (index < 0) return;
      setActiveKey(key);
      virtualizer.scrollToIndex(index, { align: "auto" });
      let frames = 0;
      const attempt = () => {
        const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(key)}"]`);
        if (el) {
          el.focus({ preventScroll: true });
          el.scrollIntoView({ block: "nearest" });
        } else if (frames++ < 10) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [virtualizer],
  );
  useEffect(() => {
    if (!focusRequest) return;
    setHighlightKey(focusRequest.highlight ? focusRequest.key : null);
    focusRow(focusRequest.key);
  }, [focusRequest, focusRow]);

  const onKeyDown = useRowKeys({ rows, focusRow, onToggleQuery });
  const tabbableKey = activeKey !== null && rows.some((r) => r.key === activeKey) ? activeKey : (rows[0]?.key ?? null);
  const colSpan = layout.shown.length;

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const key = (e.target as HTMLElement).closest<HTMLElement>("tr[data-key]")?.dataset.key;
        if (key && key !== activeKey) setActiveKey(key);
      }}
      className="h-[min(70vh,720px)] overflow-auto rounded border border-zinc-800"
    >
      <table className="w-full table-fixed border-collapse text-left text-sm" style={{ minWidth: layout.minWidth }} aria-rowcount={rows.length + 1}>
        <colgroup>
          {layout.shown.map((c) => (
            <col key={c.id} style={c.id === "query" ? undefined : { width: c.width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-zinc-900 text-xs text-zinc-400 shadow-[0_1px_0_var(--color-zinc-800)]">
          <tr>
            {layout.shown.map((c) =>
              c.sortKey ? (
                <SortHeader key={c.id} label={c.label} sortKey={c.sortKey} order={order} onSort={onSort} align={c.align} description={c.description} />
              ) : (
                <th key={c.id} scope="col" className="px-2 py-1.5 font-medium">
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden>
              <td colSpan={colSpan} style={{ height: padTop, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <SessionRow
                key={row.key}
                row={row}
                index={item.index}
                columns={layout.shown}
                folded={layout.hidden}
                expanded={expanded.has(row.key)}
                workersExpanded={expandedGroups.has(row.key)}
                tabbable={row.key === tabbableKey}
                highlighted={row.key === highlightKey && row.key === activeKey}
                onToggleQuery={onToggleQuery}
                onToggleWorkers={onToggleWorkers}
                measureRef={virtualizer.measureElement}
              />
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td colSpan={colSpan} style={{ height: padBottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-4 text-zinc-400">No session matches the filters.</p>}
    </div>
  );
}
