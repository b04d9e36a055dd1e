"use client";
import { useEffect, useEffectEvent } from "react";
import { shortcutAllowed } from "./keyboard";

/** `/` focuses the sessions search and `?` opens the help, from anywhere on the page (not while typing or in a dialog). */
export function usePageKeys(onSearch: () => void, onHelp: () => void) {
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (!shortcutAllowed(e)) return;
    if (e.key === "/") onSearch();
    else if (e.key === "?") onHelp();
    else return;
    e.preventDefault();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}
