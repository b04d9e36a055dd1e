// Audit outcomes as markers on the live chart: what was done to the target, when. Pure.
import type { AuditEntry } from "@/lib/audit";
import { markerText } from "@/components/audit/audit-query";

export interface AuditMarker {
  id: string;
  /** Epoch ms. */
  t: number;
  /** Title: time, action, pid, actor, outcome. */
  text: string;
  outcome: string;
}

/** Cap: a bulk action over hundreds of sessions should not draw hundreds of lines. */
export const MAX_MARKERS = 200;

/** Only outcome rows of this target become markers (the intent row of the same action would double it). */
export function toMarker(e: AuditEntry, targetId: string): AuditMarker | null {
  if (e.phase !== "outcome" || e.targetId !== targetId) return null;
  const t = Date.parse(e.at);
  if (Number.isNaN(t)) return null;
  return { id: e.id, t, text: markerText(e), outcome: e.outcome ?? "unknown" };
}

/** Adds markers of these entries, oldest first, one per id, at most MAX_MARKERS (the newest kept). */
export function addMarkers(existing: readonly AuditMarker[], entries: readonly AuditEntry[], targetId: string): AuditMarker[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  let added = false;
  for (const e of entries) {
    const m = toMarker(e, targetId);
    if (m && !byId.has(m.id)) {
      byId.set(m.id, m);
      added = true;
    }
  }
  if (!added) return existing as AuditMarker[];
  return [...byId.values()].sort((a, b) => a.t - b.t).slice(-MAX_MARKERS);
}

/** The markers inside the chart's time range. */
export const markersIn = (markers: readonly AuditMarker[], from: number, to: number) => markers.filter((m) => m.t >= from && m.t <= to);
