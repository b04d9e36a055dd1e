import { useId, type ReactNode } from "react";

interface PanelProps {
  title: string;
  /** Controls shown at the right of the title (filters, thresholds). */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * A titled region: the heading names the region for assistive technology. `@container` (inline-size
 * containment) keeps a wide table or chart inside from widening the page's grid on a phone: it scrolls inside.
 */
export function Panel({ title, actions, className = "", children }: PanelProps) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`@container min-w-0 rounded-md border border-zinc-800 bg-zinc-900/50 ${className}`}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-800 px-3 py-2">
        <h2 id={id} className="text-xs font-semibold uppercase tracking-wider text-zinc-400">
          {title}
        </h2>
        {actions && <div className="ml-auto flex flex-wrap items-center gap-3">{actions}</div>}
      </div>
      <div className="p-3">{children}</div>
    </section>
  );
}
