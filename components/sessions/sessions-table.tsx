"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Fragment, useRef } from "react";
import type { Session } from "@/lib/snapshot";
import type { SortKey, SortOrder } from "./session-filter";
import { SessionRow, sessionKey } from "./session-row";
import { SortHeader } from "./sort-header";

const ROW_HEIGHT = 29;
/** The Cancel / Terminate buttons, right after the pid they act on. */
const ACTIONS_WIDTH = 150;
const COLUMNS: Array<{ label: string; key: SortKey; width: number; align?: "right"; description?: string }> = [
  { label: "PID", key: "pid", width: 72 },
  { label: "User", key: "user", width: 110 },
  { label: "Database", key: "database", width: 120 },
  { label: "Application", key: "application", width: 170 },
  { label: "Client", key: "client", width: 120 },
  { label: "State", key: "state", width: 190 },
  { label: "Wait event", key: "waitEvent", width: 170 },
  { label: "Query duration", key: "queryDuration", width: 130, align: "right" },
  { label: "Transaction age", key: "xactAge", width: 140, align: "right" },
  {
    label: "Memory",
    key: "memory",
    width: 100,
    align: "right",
    description: "Who holds the memory: the backend's PSS from the host (shared_buffers shared out), else its RSS (counts shared_buffers in full, so it overstates)",
  },
];

interface SessionsTableProps {
  rows: Session[];
  order: SortOrder;
  onSort: (key: SortKey) => void;
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
}

/**
 * Virtualized but still a real table: only the visible rows are in the DOM, and spacer rows above
 * and below keep the scroll height. Fixed column widths stop columns jumping as rows scroll by.
 */
export function SessionsTable({ rows, order, onSort, expanded, onToggle }: SessionsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
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

  return (
    <div ref={scrollRef} className="h-[min(70vh,720px)] overflow-auto rounded border border-zinc-800">
      <table className="w-full min-w-[1750px] table-fixed border-collapse text-left">
        <colgroup>
          {COLUMNS.map((c, i) => (
            <Fragment key={c.key}>
              <col style={{ width: c.width }} />
              {i === 0 && <col style={{ width: ACTIONS_WIDTH }} />}
            </Fragment>
          ))}
          <col />
        </colgroup>
        <thead className="sticky top-0 z-10 bg-zinc-900 text-xs text-zinc-400 shadow-[0_1px_0_var(--color-zinc-800)]">
          <tr>
            {COLUMNS.map((c, i) => (
              <Fragment key={c.key}>
                <SortHeader label={c.label} sortKey={c.key} order={order} onSort={onSort} align={c.align} description={c.description} />
                {i === 0 && (
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    Actions
                  </th>
                )}
              </Fragment>
            ))}
            <th scope="col" className="px-2 py-1.5 font-medium">Query</th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden>
              <td colSpan={COLUMNS.length + 2} style={{ height: padTop, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const s = rows[item.index];
            const key = sessionKey(s);
            return (
              <SessionRow
                key={key}
                session={s}
                index={item.index}
                expanded={expanded.has(key)}
                onToggle={onToggle}
                measureRef={virtualizer.measureElement}
              />
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td colSpan={COLUMNS.length + 2} style={{ height: padBottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-4 text-zinc-400">No session matches the filters.</p>}
    </div>
  );
}
