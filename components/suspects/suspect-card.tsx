"use client";
import type { Session } from "@/lib/snapshot";
import type { Suspect } from "@/lib/triage";
import { reasonText } from "@/lib/triage-text";
import { formatDuration } from "@/lib/format";
import { PidLink } from "@/components/live/pid-link";
import { stateTextClass } from "@/components/sessions/state-style";
import { ActionButton, firstLine, secondaryAction, stateAge } from "./suspect-actions";

/** A suspect on a phone: the same facts and buttons as the table row, stacked. */
export function SuspectCard({ suspect: x, session: s }: { suspect: Suspect; session: Session }) {
  const age = stateAge(s);
  const secondary = secondaryAction(x, s);
  return (
    <li className="space-y-1 border-t border-zinc-800 py-2 first:border-t-0">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <PidLink pid={s.pid} />
        <span className="text-zinc-300">
          {s.user ?? "?"} · {s.applicationName}
        </span>
        <span className={stateTextClass(s.state)}>
          {s.state ?? "—"} {age !== null && formatDuration(age)}
        </span>
      </div>
      <p className="text-zinc-100">{x.reasons.map(reasonText).join(" · ")}</p>
      {x.actionWhy && <p className="text-xs text-amber-200">{x.actionWhy}</p>}
      <p className="truncate font-mono text-xs text-zinc-300" title={s.query}>
        {firstLine(s.query) || "(no query text)"}
      </p>
      {x.waiterCount > 0 && <p className="text-xs text-zinc-300">{x.waiterCount} waiting behind it: {x.waiters.slice(0, 5).map((w) => w.pid).join(", ")}{x.waiterCount > 5 ? ", …" : ""}</p>}
      <div className="flex gap-2">
        <ActionButton session={s} action={x.action} primary />
        {secondary && <ActionButton session={s} action={secondary} primary={false} />}
      </div>
    </li>
  );
}
