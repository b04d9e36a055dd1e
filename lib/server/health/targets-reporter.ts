// Each target's monitor (PostgreSQL poll) and host probe as health components: a target that is
// down degrades the console, it does not make it down (the other targets and the store still work).
import { actionHealthOf } from "../actions/action-health";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { HealthComponent } from "./status";

export function targetComponents(monitors: Iterable<TargetMonitor>): HealthComponent[] {
  const out: HealthComponent[] = [];
  for (const m of monitors) {
    const s = m.summary();
    out.push({
      name: `monitor:${m.id}`,
      status: s.postgres === "up" ? "ok" : s.postgres === "starting" ? "starting" : "down",
      ...(s.postgres === "down" ? { detail: s.error ?? "PostgreSQL does not answer" } : {}),
    });
    const a = actionHealthOf(m.id);
    if (a) {
      out.push({
        name: `action-connection:${m.id}`,
        status: a.status === "up" ? "ok" : a.status,
        ...(a.status === "down" ? { detail: a.error ?? "cannot connect for actions" } : {}),
      });
    }
    if (!m.hostMonitor) continue;
    const h = m.hostMonitor.latest();
    out.push({
      name: `host:${m.id}`,
      status: !h ? "starting" : h.status === "up" ? "ok" : "down",
      ...(h && h.status !== "up" ? { detail: h.error ?? "the host probe does not answer" } : {}),
    });
  }
  return out;
}
