"use client";
import { useCallback, type KeyboardEvent } from "react";
import { useDeniedReason } from "@/components/auth/current-user";
import { notActionableReason, type SessionAction } from "@/components/actions/action-text";
import { useRequestAction } from "@/components/actions/session-actions";
import type { DisplayRow } from "./session-groups";
import { shortcutAllowed } from "./keyboard";

interface RowKeysOptions {
  rows: DisplayRow[];
  focusRow: (key: string) => void;
  onToggleQuery: (key: string) => void;
}

/**
 * The keys of a focused row: j/k or the arrows move, Enter expands, c and t open the same
 * confirmation as the row's buttons (useRequestAction), and only where those buttons would be enabled.
 */
export function useRowKeys({ rows, focusRow, onToggleQuery }: RowKeysOptions) {
  const request = useRequestAction();
  const cancelDenied = useDeniedReason("sessions.cancel");
  const terminateDenied = useDeniedReason("sessions.terminate");
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (!shortcutAllowed(e)) return;
      const tr = (e.target as HTMLElement).closest<HTMLElement>("tr[data-key]");
      if (!tr) return;
      const index = rows.findIndex((r) => r.key === tr.dataset.key);
      if (index < 0) return;
      const row = rows[index];
      const act = (action: SessionAction, denied: string | null) => {
        if (request && !denied && !row.gone && !notActionableReason(row.session)) request(row.session, action);
      };
      switch (e.key) {
        case "j":
        case "ArrowDown":
          if (index + 1 < rows.length) focusRow(rows[index + 1].key);
          break;
        case "k":
        case "ArrowUp":
          if (index > 0) focusRow(rows[index - 1].key);
          break;
        case "Enter":
          // On a button inside the row, Enter is that button's.
          if (e.target !== tr) return;
          onToggleQuery(row.key);
          break;
        case "c":
          act("cancel", cancelDenied);
          break;
        case "t":
          act("terminate", terminateDenied);
          break;
        default:
          return;
      }
      e.preventDefault();
    },
    [rows, focusRow, onToggleQuery, request, cancelDenied, terminateDenied],
  );
}
