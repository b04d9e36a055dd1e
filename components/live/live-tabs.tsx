"use client";
import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface LiveTab {
  id: string;
  label: string;
  render: () => ReactNode;
  /** Stays mounted (hidden) while another tab shows: the sessions table keeps its filters and scroll. */
  keepMounted?: boolean;
}

interface LiveTabsProps {
  tabs: LiveTab[];
  selected: string;
  onSelect: (id: string) => void;
}

/** WAI-ARIA tabs: arrows/Home/End move between tabs; only the chosen panel is rendered (hidden ones poll nothing), except those kept mounted. */
export function LiveTabs({ tabs, selected, onSelect }: LiveTabsProps) {
  const base = useId();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.find((t) => t.id === selected) ?? tabs[0];
  const move = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === current.id);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length];
    onSelect(t.id);
    refs.current.get(t.id)?.focus();
  };
  return (
    <div>
      <div role="tablist" aria-label="Live view sections" onKeyDown={move} className="flex gap-1 overflow-x-auto border-b border-zinc-800">
        {tabs.map((t) => {
          const on = t.id === current.id;
          return (
            <button
              key={t.id}
              ref={(el) => {
                if (el) refs.current.set(t.id, el);
                else refs.current.delete(t.id);
              }}
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-selected={on}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={on ? 0 : -1}
              onClick={() => onSelect(t.id)}
              className={`-mb-px whitespace-nowrap border-b-2 px-3 py-1.5 text-sm ${on ? "border-sky-400 font-semibold text-zinc-100" : "border-transparent text-zinc-300 hover:text-zinc-100"}`}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      {tabs.map((t) =>
        t.id === current.id || t.keepMounted ? (
          <div key={t.id} role="tabpanel" hidden={t.id !== current.id} id={`${base}-panel-${t.id}`} aria-labelledby={`${base}-tab-${t.id}`} className="pt-3">
            {t.render()}
          </div>
        ) : null,
      )}
    </div>
  );
}
