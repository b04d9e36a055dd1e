"use client";
import type { ActionConnectionHealth, ConsoleAccess, PostgresSnapshot } from "@/lib/snapshot";
import { formatClock } from "@/lib/format";
import type { StreamState } from "./stream-state";

const tones = { up: "text-emerald-300", starting: "text-zinc-300", down: "text-rose-300" } as const;

function ActionStatus({ h }: { h: ActionConnectionHealth }) {
  const since = formatClock(Date.parse(h.since));
  return (
    <span>
      actions <span className={`font-semibold ${tones[h.status]}`}>{h.status}</span>
      {h.status === "down" && (
        <>
          {" "}since {since}, retrying ({h.retries} {h.retries === 1 ? "try" : "tries"}){h.error && <>: {h.error}</>}
        </>
      )}
    </span>
  );
}

/** The fix, ready to paste: statements first, then what they need (a restart, a guardrail). */
function Warning({ access }: { access: ConsoleAccess }) {
  return (
    <details className="rounded-md border border-amber-600 bg-amber-950/60 px-3 py-2 text-sm text-amber-100">
      <summary className="cursor-pointer">
        <strong className="font-semibold">Lockout risk</strong>: {access.summary} <span className="underline">How to fix</span>
      </summary>
      <div className="mt-2 space-y-2">
        {access.statements.length > 0 && (
          <>
            <p>Run as a superuser on the target:</p>
            <pre aria-label="Statements to run" className="overflow-x-auto rounded bg-zinc-950 px-3 py-2 font-mono text-xs text-zinc-100">
              {access.statements.join("\n")}
            </pre>
          </>
        )}
        <ul className="list-disc space-y-1 pl-5">
          {access.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/**
 * Under the header: the health of the console's two connections to the target, and a warning with
 * the exact fix when a connection storm could lock the console out.
 */
export function LockoutWarning({ stream }: { stream: StreamState }) {
  const pg: PostgresSnapshot | undefined = stream.latest?.postgres ?? stream.lastGood?.postgres;
  if (!pg) return null;
  const access = pg.access ?? null;
  return (
    <div className="space-y-2">
      <p className="text-xs text-zinc-400" aria-label="Console connections">
        Connections: monitor <span className={`font-semibold ${pg.status === "up" ? tones.up : tones.down}`}>{pg.status}</span>
        {pg.actionConnection && (
          <>
            {" · "}
            <ActionStatus h={pg.actionConnection} />
          </>
        )}
        {access?.level === "ok" && <> · {access.summary}</>}
      </p>
      {access?.level === "warning" && <Warning access={access} />}
    </div>
  );
}
