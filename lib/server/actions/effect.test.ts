import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { Session, Snapshot } from "../../snapshot";
import { session } from "../../../test/fixtures/session-fixture";
import { effectSeen, waitForEffect } from "./effect";

const victim = session({ pid: 10, state: "active", queryStart: "2026-03-21 10:00:00+00" });

const snap = (sessions: Session[], status: "up" | "down" = "up"): Snapshot =>
  ({ targetId: "t", takenAt: new Date().toISOString(), intervalMs: 50, postgres: { status, sessions }, host: null }) as unknown as Snapshot;

class Source extends EventEmitter {
  constructor(public last: Snapshot | null) {
    super();
  }
  latest() {
    return this.last;
  }
  push(s: Snapshot) {
    this.last = s;
    this.emit("snapshot", s);
  }
}

describe("effectSeen", () => {
  it("terminate: only gone counts", () => {
    expect(effectSeen({ kind: "terminate", before: victim }, [])).toBe(true);
    expect(effectSeen({ kind: "terminate", before: victim }, [{ ...victim, state: "idle" }])).toBe(false);
    expect(effectSeen({ kind: "terminate", before: victim }, [{ ...victim, backendStart: "2026-03-21 11:00:00+00" }])).toBe(true);
  });
  it("cancel: gone, no longer active, or a new query", () => {
    expect(effectSeen({ kind: "cancel", before: victim }, [victim])).toBe(false);
    expect(effectSeen({ kind: "cancel", before: victim }, [{ ...victim, state: "idle" }])).toBe(true);
    expect(effectSeen({ kind: "cancel", before: victim }, [{ ...victim, queryStart: "2026-03-21 10:00:05+00" }])).toBe(true);
  });
});

describe("waitForEffect", () => {
  it("is null when the monitor is down", async () => {
    expect(await waitForEffect(new Source(snap([], "down")), [{ kind: "cancel", before: victim }])).toEqual([null]);
    expect(await waitForEffect(new Source(null), [{ kind: "cancel", before: victim }])).toEqual([null]);
  });
  it("is true as soon as a tick shows the effect, false after two quiet intervals", async () => {
    const src = new Source(snap([victim]));
    const other = session({ pid: 11, state: "active" });
    const p = waitForEffect(src, [{ kind: "terminate", before: victim }, { kind: "terminate", before: other }], 20);
    src.push(snap([victim, other]));
    src.push(snap([victim]));
    expect(await p).toEqual([false, true]);
    const q = waitForEffect(src, [{ kind: "cancel", before: victim }], 20);
    src.push(snap([{ ...victim, state: "idle" }]));
    expect(await q).toEqual([true]);
  });
  it("is null when no tick arrives in time", async () => {
    expect(await waitForEffect(new Source(snap([victim])), [{ kind: "terminate", before: victim }], 10)).toEqual([null]);
  });
});
