"use client";
import { useId, type ReactNode } from "react";
import { KNOWN_STATES } from "@/components/sessions/state-style";
import type { BulkForm } from "./bulk-filter";

const input = "rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-200 placeholder:text-zinc-400";

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

const TEXT_FIELDS: Array<{ key: "database" | "user" | "application" | "clientAddr" | "queryContains"; label: string; width: string; placeholder?: string }> = [
  { key: "database", label: "Database", width: "w-36" },
  { key: "user", label: "User", width: "w-36" },
  { key: "application", label: "Application (* matches anything, case-sensitive)", width: "w-64", placeholder: "odoo-*" },
  { key: "clientAddr", label: "Client address or CIDR", width: "w-44", placeholder: "10.0.0.0/8" },
  { key: "queryContains", label: "Query contains", width: "w-56" },
];

/** The criteria of a bulk action; labels are exact (tests and screen readers rely on them). */
export function BulkFilterForm({ form, onChange }: { form: BulkForm; onChange: (next: BulkForm) => void }) {
  const id = useId();
  const set = <K extends keyof BulkForm>(key: K, value: BulkForm[K]) => onChange({ ...form, [key]: value });
  const seconds = (key: "minQuerySeconds" | "minXactSeconds" | "minConnectionSeconds", label: string) => (
    <Field id={`${id}-${key}`} label={label}>
      <input id={`${id}-${key}`} type="number" min={0} step="any" inputMode="decimal" className={`${input} w-32`} value={form[key]} onChange={(e) => set(key, e.target.value)} />
    </Field>
  );
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id={`${id}-action`} label="Action">
        <select id={`${id}-action`} className={`${input} w-44`} value={form.action} onChange={(e) => set("action", e.target.value === "terminate" ? "terminate" : "cancel")}>
          <option value="cancel">Cancel queries</option>
          <option value="terminate">Terminate sessions</option>
        </select>
      </Field>
      <Field id={`${id}-state`} label="State">
        <select id={`${id}-state`} className={`${input} w-52`} value={form.state} onChange={(e) => set("state", e.target.value)}>
          <option value="">Any state</option>
          {KNOWN_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      {seconds("minQuerySeconds", "Min query age (s)")}
      {seconds("minXactSeconds", "Min transaction age (s)")}
      {seconds("minConnectionSeconds", "Min connection age (s)")}
      {TEXT_FIELDS.map((f) => (
        <Field key={f.key} id={`${id}-${f.key}`} label={f.label}>
          <input id={`${id}-${f.key}`} className={`${input} ${f.width}`} value={form[f.key]} placeholder={f.placeholder} spellCheck={false} onChange={(e) => set(f.key, e.target.value)} />
        </Field>
      ))}
    </div>
  );
}
