"use client";
import type { SortKey, SortOrder } from "./session-filter";

interface SortHeaderProps {
  label: string;
  sortKey: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
  align?: "left" | "right";
  /** What the column means: the header's tooltip and accessible description. */
  description?: string;
}

/** A column header that sorts: a real button inside the th, with aria-sort on the th. */
export function SortHeader({ label, sortKey, order, onSort, align = "left", description }: SortHeaderProps) {
  const active = order.key === sortKey;
  const ariaSort = active ? (order.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} title={description} className="px-2 py-1.5 font-medium">
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        title={description}
        className={`flex w-full items-center gap-1 hover:text-zinc-200 ${align === "right" ? "justify-end" : ""} ${active ? "text-zinc-200" : ""}`}
      >
        {label}
        <span aria-hidden className={active ? "text-sky-400" : "text-zinc-500"}>
          {active && order.dir === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </th>
  );
}
