"use client";
import { useSyncExternalStore } from "react";

interface Ticker {
  now: number;
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => number;
}

// One timer per interval however many components tick, so a page of ages costs one setInterval.
const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  const existing = tickers.get(intervalMs);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const ticker: Ticker = {
    now: Date.now(),
    subscribe(onChange) {
      listeners.add(onChange);
      if (!timer) {
        ticker.now = Date.now();
        timer = setInterval(() => {
          ticker.now = Date.now();
          for (const l of listeners) l();
        }, intervalMs);
      }
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    getSnapshot: () => ticker.now,
  };
  tickers.set(intervalMs, ticker);
  return ticker;
}

const serverSnapshot = () => null;

/**
 * The client clock, re-read every `intervalMs`. Null during server rendering and hydration, so
 * time-dependent text never mismatches between server and browser.
 */
export function useNow(intervalMs: number): number | null {
  const ticker = tickerFor(intervalMs);
  return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot, serverSnapshot);
}
