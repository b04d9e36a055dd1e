// Timeline events as chart markers: every action, guardrail, step, note and alert, and signal lines up to a cap. Pure.
import type { EventKind, TimelineEvent } from "@/lib/report";
import { utcText } from "@/lib/report";

export interface EventMarker {
  id: string;
  /** Epoch ms. */
  t: number;
  kind: EventKind;
  /** The marker's accessible name and tooltip. */
  text: string;
}

/** Lines drawn at most; signal lines give way first (people's actions are the point of the chart). */
export const MAX_EVENT_MARKERS = 300;

export const KIND_COLOR: Record<EventKind, string> = {
  incident: "var(--color-sky-400)",
  action: "var(--color-emerald-400)",
  guardrail: "var(--color-violet-400)",
  helm: "var(--color-zinc-400)",
  command: "var(--color-cyan-400)",
  step: "var(--color-lime-400)",
  note: "var(--color-zinc-300)",
  signal: "var(--color-amber-400)",
  alert: "var(--color-rose-400)",
  other: "var(--color-zinc-500)",
};

export const markerText = (e: TimelineEvent) =>
  `${utcText(e.at)} ${e.kind}${e.actor ? ` by ${e.actor}` : ""}: ${e.title}${e.outcome && e.outcome !== "ok" ? ` (${e.outcome})` : ""}`;

export function eventMarkers(events: readonly TimelineEvent[], max = MAX_EVENT_MARKERS): EventMarker[] {
  const toMarker = (e: TimelineEvent): EventMarker => ({ id: e.id, t: Date.parse(e.at), kind: e.kind, text: markerText(e) });
  const people = events.filter((e) => e.kind !== "signal").map(toMarker);
  const room = Math.max(0, max - people.length);
  const signals = room ? events.filter((e) => e.kind === "signal").slice(-room).map(toMarker) : [];
  return [...people.slice(-max), ...signals].filter((m) => Number.isFinite(m.t)).sort((a, b) => a.t - b.t);
}
