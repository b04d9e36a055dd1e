"use client";
import { memo } from "react";
import { cellContent, columnText } from "./session-cells";
import type { ColumnDef } from "./session-columns";
import type { DisplayRow } from "./session-groups";
import { SessionRowActions } from "./session-row-actions";

/** Long statements are cut before they reach the DOM; the full text renders only when expanded (and in the title). */
const COLLAPSED_QUERY_CHARS = 300;

interface SessionRowProps {
  row: DisplayRow;
  index: number;
  columns: readonly ColumnDef[];
  /** Columns too low in priority for this width: shown in the expanded row instead. */
  folded: readonly ColumnDef[];
  expanded: boolean;
  workersExpanded: boolean;
  /** The row Tab reaches (roving tabindex): the focused one, else the first. */
  tabbable: boolean;
  highlighted: boolean;
  onToggleQuery: (key: string) => void;
  onToggleWorkers: (key: string) => void;
  measureRef: (node: HTMLTableRowElement | null) => void;
}

const cell = "truncate px-2 py-0.5";
const smallButton = "shrink-0 rounded px-1 text-xs text-zinc-400 hover:bg-zinc-800 hover:text-zinc-200";

export const SessionRow = memo(function SessionRow(props: SessionRowProps) {
  const { row, index, columns, folded, expanded, workersExpanded, tabbable, highlighted, onToggleQuery, onToggleWorkers, measureRef } = props;
  const { session: s, gone } = row;
  const lockWait = s.waitEventType === "Lock";
  const tone = gone ? "text-zinc-400 [&>td]:line-through" : s.isTriage ? "text-zinc-400" : "";
  const background = highlighted ? "bg-amber-950/50" : lockWait ? "bg-fuchsia-950/30" : row.depth > 0 ? "bg-zinc-900/80" : "";
  const ring = highlighted ? "outline-2 -outline-offset-2 outline-amber-400" : "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-400";
  return (
    <tr
      ref={measureRef}
      data-index={index}
      aria-rowindex={index + 2}
      data-key={row.key}
      data-pid={s.pid}
      data-gone={gone || undefined}
      id={row.depth === 0 ? `session-${s.pid}` : undefined}
      tabIndex={tabbable ? 0 : -1}
      className={`border-b border-zinc-800/60 align-top outline-none hover:bg-zinc-800/40 ${background} ${tone} ${ring}`}
    >
      {columns.map((c) => {
        if (c.id === "pid") {
          return (
            <td key={c.id} className={`${cell} font-mono`}>
              {row.depth > 0 && (
                <span aria-hidden className="pl-2 pr-1 text-zinc-400">
                  ↳
                </span>
              )}
              {s.pid}
            </td>
          );
        }
        if (c.id === "actions") {
          return <td key={c.id} className="px-2 py-0.5">{!gone && <SessionRowActions session={s} />}</td>;
        }
        if (c.id === "query") {
          return (
            <td key={c.id} className="px-2 py-0.5" onClick={() => window.getSelection()?.isCollapsed !== false && onToggleQuery(row.key)}>
              <div className="flex min-w-0 items-start gap-1.5">
                <button type="button" aria-expanded={expanded} aria-label={`Expand query of pid ${s.pid}`} onClick={(e) => (e.stopPropagation(), onToggleQuery(row.key))} className={smallButton}>
                  <span aria-hidden>{expanded ? "▾" : "▸"}</span>
                </button>
                {row.workers > 0 && (
                  <button
                    type="button"
                    aria-expanded={workersExpanded}
                    aria-label={`+${row.workers} parallel workers of pid ${s.pid}`}
                    onClick={(e) => (e.stopPropagation(), onToggleWorkers(row.key))}
                    className={`${smallButton} whitespace-nowrap border border-zinc-700 text-zinc-300`}
                  >
                    +{row.workers} parallel workers
                  </button>
                )}
                {expanded ? (
                  <ExpandedQuery row={row} folded={folded} />
                ) : (
                  <code title={s.query || undefined} className="min-w-0 truncate font-mono text-xs text-zinc-300">
                    {s.query.length <= COLLAPSED_QUERY_CHARS ? s.query : `${s.query.slice(0, COLLAPSED_QUERY_CHARS)}…`}
                  </code>
                )}
              </div>
            </td>
          );
        }
        const { content, title } = cellContent(c.id, s, gone);
        return (
          <td key={c.id} className={`${cell} ${c.align === "right" ? "text-right" : ""}`} title={title}>
            {content}
          </td>
        );
      })}
    </tr>
  );
});

/** The whole statement, then the values of the columns this width leaves out. */
function ExpandedQuery({ row, folded }: { row: DisplayRow; folded: readonly ColumnDef[] }) {
  const s = row.session;
  const details = folded.map((c) => ({ label: c.label, text: columnText(c.id, s) })).filter((d) => d.text !== "");
  if (s.backendType && s.backendType !== "client backend") details.unshift({ label: "Backend type", text: s.backendType });
  return (
    <div className="min-w-0 flex-1">
      <code className="block whitespace-pre-wrap break-words font-mono text-xs text-zinc-300">{s.query}</code>
      {details.length > 0 && (
        <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs">
          {details.map((d) => (
            <div key={d.label} className="flex gap-1">
              <dt className="text-zinc-400">{d.label}</dt>
              <dd className="break-all text-zinc-300">{d.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
