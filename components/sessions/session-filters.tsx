"use client";
import { memo, useId, type ReactNode, type Ref } from "react";
import type { SessionFilter } from "./session-filter";

export interface FilterOptions {
  states: string[];
  databases: string[];
  users: string[];
  applications: string[];
}

interface SessionFiltersProps {
  filter: SessionFilter;
  options: FilterOptions;
  onChange: (next: SessionFilter) => void;
  /** The search box, for the `/` key. */
  searchRef?: Ref<HTMLInputElement>;
}

const input = "rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-200 placeholder:text-zinc-400";

/** Label and control side by side, tied by id (not nesting) so the accessible name is exactly the label. */
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-xs text-zinc-400">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Database, user and application are free text with suggestions: they match by "contains". */
export const SessionFilters = memo(function SessionFilters({ filter, options, onChange, searchRef }: SessionFiltersProps) {
  const id = useId();
  const set = <K extends keyof SessionFilter>(key: K, value: SessionFilter[K]) => onChange({ ...filter, [key]: value });
  const text = (key: "database" | "user" | "application", label: string, list: string[]) => (
    <Field id={`${id}-${key}`} label={label}>
      <input id={`${id}-${key}`} className={`${input} w-36`} value={filter[key]} list={`${id}-${key}-list`} onChange={(e) => set(key, e.target.value)} />
      <datalist id={`${id}-${key}-list`}>
        {list.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </Field>
  );
  return (
    <form role="search" aria-label="Filter sessions" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <Field id={`${id}-search`} label="Search">
        <input
          ref={searchRef}
          id={`${id}-search`}
          type="search"
          aria-keyshortcuts="/"
          className={`${input} w-64 max-w-full`}
          placeholder="pid, query text, user, client…"
          value={filter.search}
          onChange={(e) => set("search", e.target.value)}
        />
      </Field>
      <Field id={`${id}-state`} label="State">
        <select id={`${id}-state`} className={`${input} w-52`} value={filter.state} onChange={(e) => set("state", e.target.value)}>
          <option value="">All states</option>
          {options.states.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      {text("database", "Database", options.databases)}
      {text("user", "User", options.users)}
      {text("application", "Application", options.applications)}
      <Field id={`${id}-min`} label="Minimum duration (s)">
        <input
          id={`${id}-min`}
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          className={`${input} w-28`}
          value={filter.minDurationSec ?? ""}
          onChange={(e) => set("minDurationSec", e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? null : e.target.valueAsNumber)}
        />
      </Field>
    </form>
  );
});
