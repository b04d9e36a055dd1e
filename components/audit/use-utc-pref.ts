"use client";
import { useCallback, useSyncExternalStore } from "react";

const KEY = "pg-triage.times.utc";
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch {
    return false; // storage blocked: local time, not remembered
  }
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  window.addEventListener("storage", fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("storage", fn);
  };
}

/** Times in UTC (true) or local time (false, the default), remembered in localStorage across pages and tabs. */
export function useUtcPref(): [boolean, (utc: boolean) => void] {
  const utc = useSyncExternalStore(subscribe, read, () => false);
  const set = useCallback((next: boolean) => {
    try {
      localStorage.setItem(KEY, next ? "1" : "0");
    } catch {
      // not remembered; still applied below
    }
    listeners.forEach((fn) => fn());
  }, []);
  return [utc, set];
}
