"use client";
import { useMemo } from "react";

/** The same array instance while its content is unchanged, so memoized children skip re-rendering. */
export function useStableList(list: string[]): string[] {
  const key = list.join("\n");
  // Keyed on the content on purpose: `list` is a fresh array on every snapshot.
  return useMemo(() => list, [key]); // eslint-disable-line react-hooks/exhaustive-deps
}
