// Incidents and their runbook checklist as the API returns them and the UI draws them. Isomorphic:
// plain JSON only (ISO strings), no Node imports.
import type { Evidence, RunbookSectionKey, Severity } from "./runbook";

export interface IncidentView {
  id: string;
  targetId: string;
  title: string;
  severity: Severity | (string & {});
  status: "open" | "closed" | (string & {});
  openedAt: string;
  openedBy: string;
  /** The effective start: openedAt, or earlier when the incident adopted what happened before it was opened. */
  startedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  summary: string | null;
  /** The host's oom_kill counter at open; null: no host data then. */
  oomKillsAtOpen: number | null;
  /** The audit intent of the open. */
  auditId: string;
}

/** One runbook step with its latest check (append-only rows: the newest wins) and its evidence. */
export interface ChecklistStep {
  key: string;
  section: RunbookSectionKey;
  title: string;
  detail: string;
  checked: boolean;
  /** Who checked (or unchecked) it last, when, with which note; null when never touched. */
  by: string | null;
  at: string | null;
  note: string | null;
  /** Live evidence (computed on the server from cached monitor data); [] for a closed incident. */
  evidence: Evidence[];
  /** The evidence as shown when the step was last checked or unchecked. */
  evidenceAtCheck: Evidence[] | null;
}

export interface IncidentNoteView {
  id: string;
  text: string;
  by: string;
  at: string;
}

/** GET /api/incidents/:id */
export interface IncidentDetail {
  incident: IncidentView;
  checklist: ChecklistStep[];
  notes: IncidentNoteView[];
  /** When the live evidence was computed (ISO); null for a closed incident. */
  evidenceAt: string | null;
}

/** GET /api/targets/:id/incidents?status=open|all[&checklist=1] */
export interface TargetIncidents {
  /** Newest first. */
  incidents: IncidentView[];
  /** With checklist=1: the open incident's checklist, or the steps with live evidence only (read-only) when none is open. */
  checklist?: ChecklistStep[];
}

export const MAX_TITLE = 200;
/** Opening an incident offers to adopt this much of what happened before (the dialog's default). */
export const ADOPT_DEFAULT_MS = 30 * 60_000;
/** The furthest back an incident may start. */
export const ADOPT_MAX_MS = 24 * 3_600_000;
export const MAX_SUMMARY = 4000;
export const MAX_NOTE = 2000;
