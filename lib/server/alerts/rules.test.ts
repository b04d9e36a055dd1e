import { describe, expect, it } from "vitest";
import type { AlertsConfig } from "../config";
import type { AlertInputs } from "./inputs";
import { evaluateAlerts, initialAlertState, OOM_QUIET_MS, type AlertState } from "./rules";

const none: AlertInputs = {
  memAvailablePercent: null, swapInPerSec: null, psiFullAvg10: null, oomKills: null, idleInTransactionCount: null,
  idleInTransactionMaxSeconds: null, oldestIdleInTransaction: null, connectionsPercent: null, tempBytesPerSec: null,
};
const base: AlertsConfig = { oomKill: true, cooldownSeconds: 300 };

/** Feeds values one per second; returns the transitions as "rule:state" strings per step. */
function run(cfg: AlertsConfig, steps: Partial<AlertInputs>[], state: AlertState = initialAlertState()) {
  const out: string[][] = [];
  steps.forEach((s, i) => {
    const r = evaluateAlerts(cfg, { ...none, ...s }, state, i * 1000);
    state = r.state;
    out.push(r.transitions.map((t) => `${t.rule}:${t.state}`));
  });
  return { out, state };
}

describe("evaluateAlerts", () => {
  it("fires once on crossing, stays firing above, clears only past the hysteresis", () => {
    const cfg = { ...base, psiFullAvg10Above: 10 };
    const { out, state } = run(cfg, [{ psiFullAvg10: 5 }, { psiFullAvg10: 12 }, { psiFullAvg10: 30 }, { psiFullAvg10: 9.8 }, { psiFullAvg10: 9.4 }]);
    expect(out).toEqual([[], ["psi_full_high:firing"], [], [], ["psi_full_high:resolved"]]);
    expect(state.firing).toEqual({});
  });

  it("a below rule (MemAvailable %) fires under and clears above threshold + hysteresis; the message has the value", () => {
    const cfg = { ...base, memAvailablePercentBelow: 10 };
    const steps = [{ memAvailablePercent: 9 }, { memAvailablePercent: 10.2 }, { memAvailablePercent: 11 }];
    const r1 = evaluateAlerts(cfg, { ...none, ...steps[0] }, initialAlertState(), 0);
    expect(r1.transitions[0]).toMatchObject({ rule: "mem_available_low", state: "firing", value: 9, threshold: 10, message: "MemAvailable 9 % < 10 %" });
    expect(run(cfg, steps).out).toEqual([["mem_available_low:firing"], [], ["mem_available_low:resolved"]]);
  });

  it("counts clear as soon as they are back at the threshold (threshold 0: any session idle in transaction)", () => {
    const cfg = { ...base, idleInTransactionCountAbove: 0 };
    expect(run(cfg, [{ idleInTransactionCount: 0 }, { idleInTransactionCount: 1 }, { idleInTransactionCount: 2 }, { idleInTransactionCount: 0 }, { idleInTransactionCount: 1 }]).out).toEqual([
      [], ["idle_in_transaction_count:firing"], [], ["idle_in_transaction_count:resolved"], ["idle_in_transaction_count:firing"],
    ]);
  });

  it("no data (host or PostgreSQL down) neither fires nor clears", () => {
    const cfg = { ...base, connectionsPercentAbove: 90 };
    expect(run(cfg, [{ connectionsPercent: 95 }, {}, {}, { connectionsPercent: 96 }]).out).toEqual([["connections_high:firing"], [], [], []]);
  });

  it("a rule not configured never fires", () => {
    expect(run(base, [{ psiFullAvg10: 99, idleInTransactionCount: 50, tempBytesPerSec: 1e12 }]).out).toEqual([[]]);
  });

  it("OOM kill: the first counter is a baseline; an increase fires; more kills keep it firing; 10 quiet minutes resolve it", () => {
    let state = initialAlertState();
    const at = (kills: number, t: number) => {
      const r = evaluateAlerts(base, { ...none, oomKills: kills }, state, t);
      state = r.state;
      return r.transitions.map((x) => `${x.state}:${x.value}`);
    };
    expect(at(7, 0)).toEqual([]);
    expect(at(7, 1000)).toEqual([]);
    expect(at(8, 2000)).toEqual(["firing:1"]);
    expect(at(10, 3000)).toEqual([]);
    expect(state.firing.oom_kill).toMatchObject({ value: 3, since: 2000 });
    expect(at(10, 3000 + OOM_QUIET_MS - 1)).toEqual([]);
    expect(at(10, 3000 + OOM_QUIET_MS)).toEqual(["resolved:3"]);
    expect(at(2, 3000 + OOM_QUIET_MS + 1000)).toEqual([]); // reboot: counter restarts, new baseline
  });

  it("OOM kill alert off: increases do not fire", () => {
    expect(run({ ...base, oomKill: false }, [{ oomKills: 1 }, { oomKills: 2 }]).out).toEqual([[], []]);
  });
});

describe("cleared and session alerts", () => {
  it("a cleared alert says what the value is now and the threshold, not the firing text again", () => {
    const cfg = { ...base, idleInTransactionSecondsAbove: 300 };
    const oldest = { pid: 4242, backendStart: "2026-11-26 10:00:00+00", ms: 400_000 };
    let state = initialAlertState();
    const step = (inputs: Partial<AlertInputs>, t: number) => {
      const r = evaluateAlerts(cfg, { ...none, ...inputs }, state, t);
      state = r.state;
      return r.transitions;
    };
    expect(step({ idleInTransactionMaxSeconds: 400, oldestIdleInTransaction: oldest }, 0)[0]).toMatchObject({ state: "firing", message: "a session idle in transaction for 400 s > 300 s" });
    expect(state.firing.idle_in_transaction_age).toMatchObject({ pid: 4242 });
    // Another session becomes the oldest: the firing alert names it.
    step({ idleInTransactionMaxSeconds: 420, oldestIdleInTransaction: { ...oldest, pid: 4301 } }, 1000);
    expect(state.firing.idle_in_transaction_age).toMatchObject({ pid: 4301, since: 0 });
    expect(step({ idleInTransactionMaxSeconds: 0, oldestIdleInTransaction: null }, 2000)).toEqual([
      { rule: "idle_in_transaction_age", state: "resolved", value: 0, threshold: 300, message: "cleared: longest idle in transaction now 0 s, threshold 300 s", at: 2000 },
    ]);
  });

  it("rules not about one session carry no pid; OOM kills clear after the quiet window with their count", () => {
    const { state } = run({ ...base, idleInTransactionCountAbove: 0 }, [{ idleInTransactionCount: 2 }]);
    expect(state.firing.idle_in_transaction_count).not.toHaveProperty("pid");
    const r = run(base, [{ oomKills: 1 }, { oomKills: 2 }]);
    const cleared = evaluateAlerts(base, { ...none, oomKills: 2 }, r.state, 1000 + OOM_QUIET_MS);
    expect(cleared.transitions[0]).toMatchObject({ state: "resolved", message: "cleared: no OOM kill for 10m 00s (1 while it fired)" });
  });
});
