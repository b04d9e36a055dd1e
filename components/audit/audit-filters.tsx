"use client";
import { useId, type ReactNode } from "react";
import { auditActions } from "@/lib/audit";
import type { AuditFilter } from "./audit-query";

const input = "rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-200 placeholder:text-zinc-400";
const OUTCOMES = ["ok", "not_found", "refused", "error", "interrupted"];

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

interface AuditFiltersProps {
  filter: AuditFilter;
  targets: Array<{ id: string; name: string }>;
  onChange: (next: AuditFilter) => void;
}

export function AuditFilters({ filter, targets, onChange }: AuditFiltersProps) {
  const id = useId();
  const set = <K extends keyof AuditFilter>(key: K, value: string) => onChange({ ...filter, [key]: value });
  const select = (key: "target" | "action" | "outcome", label: string, all: string, options: Array<{ value: string; label: string }>) => (
    <Field id={`${id}-${key}`} label={label}>
      <select id={`${id}-${key}`} className={`${input} w-44`} value={filter[key]} onChange={(e) => set(key, e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form role="search" aria-label="Filter audit entries" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      {select("target", "Target", "All targets", targets.map((t) => ({ value: t.id, label: t.name === t.id ? t.id : `${t.name} (${t.id})` })))}
      <Field id={`${id}-actor`} label="Actor">
        <input id={`${id}-actor`} className={`${input} w-32`} value={filter.actor} placeholder="username" spellCheck={false} onChange={(e) => set("actor", e.target.value)} />
      </Field>
      {select("action", "Action", "All actions", auditActions.map((a) => ({ value: a, label: a })))}
      {select("outcome", "Outcome", "All outcomes", OUTCOMES.map((o) => ({ value: o, label: o })))}
      <Field id={`${id}-since`} label="Since">
        <input id={`${id}-since`} type="datetime-local" step={1} className={input} value={filter.since} onChange={(e) => set("since", e.target.value)} />
      </Field>
      <Field id={`${id}-until`} label="Until">
        <input id={`${id}-until`} type="datetime-local" step={1} className={input} value={filter.until} onChange={(e) => set("until", e.target.value)} />
      </Field>
      <Field id={`${id}-q`} label="Search">
        <input id={`${id}-q`} type="search" className={`${input} w-56`} value={filter.q} placeholder="query text, reason, message…" onChange={(e) => set("q", e.target.value)} />
      </Field>
    </form>
  );
}
