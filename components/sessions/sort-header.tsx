"use client";
import type { SortKey, SortOrder } from "./session-filter";

interface SortHeaderProps {
  label: string;
  sortKey: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
  align?: "left" | "right";
}

/** A column header that sorts: a real button inside the th, with aria-sort on the th. */
export function SortHeader({ label, sortKey, order, onSort, align = "left" }: SortHeaderProps) {
  const active = order.key === sortKey;
  const ariaSort = active ? (order.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className="px-2 py-1.5 font-medium">
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className={`flex w-full items-center gap-1 hover:text-zinc-200 ${align === "right" ? "justify-end" : ""} ${active ? "text-zinc-200" : ""}`}
      >
        {label}
        <span aria-hidden className={active ? "text-sky-400" : "text-zinc-700"}>
          {active && order.dir === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </th>
  );
}
