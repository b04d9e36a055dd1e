"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { AuditEntry } from "@/lib/audit";
import { pairEntries } from "@/lib/audit-pairs";
import type { TargetSummary } from "@/lib/snapshot";
import { useDeniedReason } from "@/components/auth/current-user";
import { apiFetch } from "@/components/ui/api-fetch";
import { Panel } from "@/components/ui/panel";
import { AuditFilters } from "./audit-filters";
import { auditQuery, emptyAuditFilter, matchesAuditFilter, prependEntries, type AuditFilter } from "./audit-query";
import { AuditTable } from "./audit-table";
import { ChainStatus } from "./chain-status";
import { UtcToggle } from "./utc-toggle";
import { useUtcPref } from "./use-utc-pref";
import { useAuditEvents } from "./use-audit-events";
import { useAuditList } from "./use-audit-list";

const FRESH_MS = 5000;
const link = "rounded border border-zinc-700 px-2.5 py-1 text-xs font-medium text-zinc-300 hover:bg-zinc-800";

/** The review after the incident: chain status, filters, the trail (live), export. */
export function AuditView() {
  const [filter, setFilter] = useState<AuditFilter>(emptyAuditFilter);
  const [targets, setTargets] = useState<TargetSummary[]>([]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const { entries, setEntries, loading, error, hasOlder, loadOlder } = useAuditList(filter);
  const exportDenied = useDeniedReason("audit.export");
  const [utc, setUtc] = useUtcPref();
  const actions = useMemo(() => pairEntries(entries), [entries]);

  useEffect(() => {
    apiFetch<{ targets: TargetSummary[] }>("/api/targets")
      .then((r) => setTargets(r.targets))
      .catch(() => setTargets([]));
  }, []);

  const onLive = useCallback(
    (entry: AuditEntry) => {
      const key = entry.intentId ?? entry.id;
      // An outcome joins its intent's row even when it would not match the filters itself.
      setEntries((prev) => (matchesAuditFilter(entry, filter) || prev.some((e) => e.id === entry.intentId) ? prependEntries(prev, [entry]) : prev));
      setFresh((prev) => new Set(prev).add(key));
      setTimeout(() => setFresh((prev) => new Set([...prev].filter((id) => id !== key))), FRESH_MS);
    },
    [filter, setEntries],
  );
  const live = useAuditEvents(onLive);

  const onToggle = useCallback((id: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  const exports = exportDenied ? (
    <span className="text-xs text-zinc-400">Export: {exportDenied}</span>
  ) : (
    <>
      <a href={`/api/audit?${auditQuery(filter, { format: "csv" })}`} download className={link}>
        Export CSV
      </a>
      <a href={`/api/audit?${auditQuery(filter, { format: "json" })}`} download className={link}>
        Export JSON
      </a>
    </>
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold text-zinc-100">Audit trail</h1>
        <span className={`text-xs ${live ? "text-emerald-300" : "text-zinc-400"}`}>{live ? "live: new actions appear at the top" : "not receiving live entries"}</span>
        <UtcToggle utc={utc} onChange={setUtc} />
      </div>
      <ChainStatus />
      <Panel title="Entries" actions={exports}>
        <div className="space-y-3">
          <AuditFilters filter={filter} targets={targets} onChange={setFilter} />
          {error && (
            <p role="alert" className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-rose-200">
              {error}
            </p>
          )}
          <p className="text-xs text-zinc-400" aria-live="polite">
            {loading ? "Loading…" : `${actions.length} actions (${entries.length} entries)${hasOlder ? ", more available" : ""}`}
          </p>
          <AuditTable actions={actions} expanded={expanded} onToggle={onToggle} fresh={fresh} utc={utc} />
          {hasOlder && (
            <button type="button" onClick={loadOlder} disabled={loading} className={link}>
              Load older entries
            </button>
          )}
        </div>
      </Panel>
    </div>
  );
}
