"use client";
// The open incident and its checklist, polled every 2.5 s (no socket push for it) and shared by every
// component of the page that shows it (the incident bar and the runbook panel): one request per poll.
import { useCallback, useSyncExternalStore } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import type { TargetIncidents } from "@/lib/incidents";

const POLL_MS = 2500;

interface Entry {
  data: TargetIncidents | null;
  error: string | null;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
  ctrl: AbortController | null;
  seq: number;
  snapshot: { data: TargetIncidents | null; error: string | null };
}

const entries = new Map<string, Entry>();

function entryFor(path: string): Entry {
  let e = entries.get(path);
  if (!e) {
    e = { data: null, error: null, listeners: new Set(), timer: null, ctrl: null, seq: 0, snapshot: { data: null, error: null } };
    entries.set(path, e);
  }
  return e;
}

function publish(e: Entry) {
  e.snapshot = { data: e.data, error: e.error };
  for (const l of e.listeners) l();
}

/** Polls now and then every POLL_MS while anyone listens; a new call supersedes the one in flight. */
async function poll(path: string) {
  const e = entryFor(path);
  if (e.timer) clearTimeout(e.timer);
  e.timer = null;
  e.ctrl?.abort();
  const ctrl = new AbortController();
  e.ctrl = ctrl;
  const mine = ++e.seq;
  try {
    e.data = await apiFetch<TargetIncidents>(path, { signal: ctrl.signal });
    e.error = null;
  } catch (err) {
    if (ctrl.signal.aborted) return;
    e.error = errorMessage(err);
  }
  if (mine !== e.seq || e.listeners.size === 0) return;
  publish(e);
  e.timer = setTimeout(() => void poll(path), POLL_MS);
}

export interface TargetIncidentsResource {
  data: TargetIncidents | null;
  /** Why the last poll failed; the previous data stays shown. */
  error: string | null;
  reload: () => void;
}

export function useTargetIncidents(targetId: string): TargetIncidentsResource {
  const path = `/api/targets/${encodeURIComponent(targetId)}/incidents?status=open&checklist=1`;
  const subscribe = useCallback(
    (listener: () => void) => {
      const e = entryFor(path);
      e.listeners.add(listener);
      if (e.listeners.size === 1) void poll(path);
      return () => {
        e.listeners.delete(listener);
        if (e.listeners.size === 0) {
          if (e.timer) clearTimeout(e.timer);
          e.ctrl?.abort();
          entries.delete(path);
        }
      };
    },
    [path],
  );
  const snap = useSyncExternalStore(subscribe, () => entryFor(path).snapshot, () => EMPTY);
  const reload = useCallback(() => void poll(path), [path]);
  return { data: snap.data, error: snap.error, reload };
}

const EMPTY = { data: null, error: null };
