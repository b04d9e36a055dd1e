// "Was it actually gone on the next tick?": watched on the monitor's own snapshots, so reporting the
// effect costs the target nothing. null when the monitor cannot tell (down, or no tick arrived).
import { SIGNAL_EFFECTS } from "../../audit";
import type { Session, Snapshot } from "../../snapshot";
import type { SignalKind } from "../pg/sql";

export interface EffectWatch {
  kind: SignalKind;
  /** The session as it was just before it was signalled. */
  before: Session;
}

/** terminate: that pid + backend_start is gone; cancel: gone, or no longer running the same query. */
export function effectSeen(w: EffectWatch, sessions: readonly Session[]): boolean {
  const now = sessions.find((s) => s.pid === w.before.pid && s.backendStart === w.before.backendStart);
  if (!now) return true;
  if (w.kind === "terminate") return false;
  return now.state !== "active" || now.queryStart !== w.before.queryStart;
}

/** The effect as a signal's audit outcome records it (one of SIGNAL_EFFECTS); `latest` tells a stopped query from a gone session. */
export function effectText(w: EffectWatch, seen: boolean | null, latest: Snapshot | null): string {
  if (seen === null) return SIGNAL_EFFECTS.unknown;
  if (!seen) return w.kind === "cancel" ? SIGNAL_EFFECTS.running : SIGNAL_EFFECTS.connected;
  const there = latest?.postgres.sessions.some((s) => s.pid === w.before.pid && s.backendStart === w.before.backendStart);
  return w.kind === "cancel" && there ? SIGNAL_EFFECTS.stopped : SIGNAL_EFFECTS.gone;
}

interface SnapshotSource {
  latest(): Snapshot | null;
  on(event: "snapshot", fn: (s: Snapshot) => void): unknown;
  off(event: "snapshot", fn: (s: Snapshot) => void): unknown;
}

/** Waits up to two poll intervals; resolves one answer per watch, in order. */
export function waitForEffect(monitor: SnapshotSource, watches: EffectWatch[], slackMs = 250): Promise<Array<boolean | null>> {
  const latest = monitor.latest();
  if (watches.length === 0) return Promise.resolve([]);
  if (!latest || latest.postgres.status !== "up") return Promise.resolve(watches.map(() => null));
  const answers: Array<boolean | null> = watches.map(() => null);
  let sawUp = false;
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      monitor.off("snapshot", on);
      // A tick came and the effect was not seen: false. No tick at all: unknown.
      resolve(answers.map((a) => (a === true ? true : sawUp ? false : null)));
    };
    const on = (s: Snapshot) => {
      if (s.postgres.status !== "up") return;
      sawUp = true;
      watches.forEach((w, i) => {
        if (answers[i] !== true && effectSeen(w, s.postgres.sessions)) answers[i] = true;
      });
      if (answers.every((a) => a === true)) finish();
    };
    const timer = setTimeout(finish, 2 * latest.intervalMs + slackMs);
    monitor.on("snapshot", on);
  });
}
