"use client";
import { useCallback, useState } from "react";

/** A set of keys with a stable toggle (rows are memoized: their callbacks must not change). */
export function useToggleSet() {
  const [set, setSet] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((key: string) => {
    setSet((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const add = useCallback((key: string) => setSet((prev) => (prev.has(key) ? prev : new Set(prev).add(key))), []);
  return { set, toggle, add };
}
