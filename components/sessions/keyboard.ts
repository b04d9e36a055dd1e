// Shared rules for the table's single-key shortcuts.
import type { KeyboardEvent as ReactKeyboardEvent } from "react";

/** Typing in a field: letters are text, not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

/** A modal (confirmation, help) owns the keyboard while it is open. */
export const dialogOpen = () => document.querySelector("dialog[open], [role='dialog'][aria-modal='true']") !== null;

/** A single-key shortcut may run: no modifier but Shift, not typing, no dialog open. */
export function shortcutAllowed(e: KeyboardEvent | ReactKeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return false;
  return !isTypingTarget(e.target) && !dialogOpen();
}

export const SHORTCUTS: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ["j", "↓"], does: "Next session" },
  { keys: ["k", "↑"], does: "Previous session" },
  { keys: ["Enter"], does: "Expand or collapse the query and the hidden columns" },
  { keys: ["c"], does: "Cancel the focused session's query (asks to confirm)" },
  { keys: ["t"], does: "Terminate the focused session (asks to confirm)" },
  { keys: ["/"], does: "Search sessions" },
  { keys: ["?"], does: "This help" },
  { keys: ["Esc"], does: "Close a dialog" },
];
