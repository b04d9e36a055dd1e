"use client";
import { useEffect, useRef, useState } from "react";

/** `value`, but changing at most once per `intervalMs`; the latest value always lands at the end. */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    const show = () => {
      lastAt.current = Date.now();
      setShown(value);
    };
    const wait = lastAt.current + intervalMs - Date.now();
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
