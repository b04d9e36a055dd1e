import type { ReactNode } from "react";

/**
 * A wide table scrolls inside this box on a phone instead of widening the page. `label` makes it a
 * named, focusable region (keyboard users can scroll it) for tables without links or buttons inside.
 */
export function ScrollX({ label, children }: { label?: string; children: ReactNode }) {
  if (!label) return <div data-scroll-x className="max-w-full overflow-x-auto">{children}</div>;
  return (
    <div role="region" aria-label={label} tabIndex={0} data-scroll-x className="max-w-full overflow-x-auto">
      {children}
    </div>
  );
}
