"use client";
import { useEffect, useState, type RefObject } from "react";

/**
 * Whether the person is working on the table: the pointer is over it, or focus is in it (or in a
 * dialog opened from it). Then the rows must not move under them.
 */
export function useHold(zoneRef: RefObject<HTMLElement | null>) {
  const [pointer, setPointer] = useState(false);
  const [focus, setFocus] = useState(false);
  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      if (target && zoneRef.current?.contains(target)) setFocus(true);
      else if (!target?.closest("dialog")) setFocus(false);
    };
    // Focus that falls to the body (a row scrolled out of the DOM, a dialog closed) fires no focusin.
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget) return;
      setTimeout(() => {
        if (!document.activeElement || document.activeElement === document.body) setFocus(false);
      }, 0);
    };
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("focusout", onFocusOut);
    };
  }, [zoneRef]);
  return {
    holding: pointer || focus,
    zoneProps: { onPointerEnter: () => setPointer(true), onPointerLeave: () => setPointer(false) },
  };
}
