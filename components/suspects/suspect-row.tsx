"use client";
import type { Session } from "@/lib/snapshot";
import type { Suspect } from "@/lib/triage";
import { reasonText } from "@/lib/triage-text";
import { formatDuration } from "@/lib/format";
import { PidLink } from "@/components/live/pid-link";
import { stateTextClass } from "@/components/sessions/state-style";
import { ActionButton, firstLine, secondaryAction, stateAge } from "./suspect-actions";

/** One suspect: who, why, what it runs, and the action that can end the harm first. */
export function SuspectRow({ suspect: x, session: s }: { suspect: Suspect; session: Session }) {
  const age = stateAge(s);
  const secondary = secondaryAction(x, s);
  return (
    <tr className="border-t border-zinc-800 align-top" data-suspect-pid={s.pid}>
      <td className="whitespace-nowrap py-1.5 pr-3">
        <PidLink pid={s.pid} />
      </td>
      <td className="max-w-40 truncate py-1.5 pr-3 text-zinc-300" title={`${s.user ?? "?"} · ${s.applicationName}`}>
        {s.user ?? "?"}
        {s.applicationName && <span className="text-zinc-400"> · {s.applicationName}</span>}
      </td>
      <td className={`whitespace-nowrap py-1.5 pr-3 ${stateTextClass(s.state)}`}>
        {s.state ?? "—"} {age !== null && <span className="text-zinc-300">{formatDuration(age)}</span>}
      </td>
      <td className="w-[22rem] min-w-[14rem] py-1.5 pr-3 text-zinc-100">
        <span className="font-medium">{reasonText(x.reasons[0])}</span>
        {x.reasons.slice(1).map((r) => (
          <span key={r.kind} className="text-zinc-300"> · {reasonText(r)}</span>
        ))}
        {x.actionWhy && <div className="text-xs text-amber-200">{x.actionWhy}</div>}
      </td>
      <td className="w-full max-w-0 truncate py-1.5 pr-3 font-mono text-xs text-zinc-300" title={s.query}>
        {firstLine(s.query) || <span className="text-zinc-400">(no query text)</span>}
      </td>
      <td className="whitespace-nowrap py-1.5">
        <span className="flex justify-end gap-1.5">
          <ActionButton session={s} action={x.action} primary />
          {secondary && <ActionButton session={s} action={secondary} primary={false} />}
        </span>
      </td>
    </tr>
  );
}

/** The sessions waiting behind a blocker, under it (never above it). */
export function WaitersRow({ suspect: x }: { suspect: Suspect }) {
  if (x.waiterCount === 0) return null;
  const shown = x.waiters.slice(0, 8);
  return (
    <tr className="align-top">
      <td />
      <td colSpan={5} className="pb-1.5 pr-3 text-xs text-zinc-300">
        <span aria-hidden>└ </span>
        {x.waiterCount} waiting behind pid {x.pid}:{" "}
        {shown.map((w, i) => (
          <span key={w.pid}>
            {i > 0 && ", "}
            <PidLink pid={w.pid} />
            {w.waitMs !== null && <span className="text-zinc-400"> ({formatDuration(w.waitMs)})</span>}
          </span>
        ))}
        {x.waiterCount > shown.length && <span className="text-zinc-400">, and {x.waiterCount - shown.length} more</span>}
      </td>
    </tr>
  );
}
