type Status = "up" | "down" | "starting" | "none";

const STYLE: Record<Status, string> = {
  up: "border-emerald-700/60 bg-emerald-950/60 text-emerald-300",
  down: "border-rose-700/60 bg-rose-950/60 text-rose-300",
  starting: "border-zinc-700 bg-zinc-900 text-zinc-400",
  none: "border-zinc-800 bg-transparent text-zinc-400",
};

/** "postgres up" style pill; the label keeps it readable without colour. */
export function StatusBadge({ label, status }: { label: string; status: Status }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded border px-1.5 py-0.5 text-xs ${STYLE[status]}`}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {label} {status}
    </span>
  );
}
