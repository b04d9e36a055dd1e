// The triage computed on every poll (lib/triage.ts rankSuspects + lib/session-stats.ts countSessions),
// on 2000 sessions built from the recorded lock pile-up (every 10th waits on the one before it).
// Run: npm run bench:triage
import { countSessions } from "../lib/session-stats";
import type { Session } from "../lib/snapshot";
import { rankSuspects } from "../lib/triage";
import recorded from "../lib/fixtures/snapshot-lock-pileup.json";

const base = (recorded as unknown as { postgres: { sessions: Session[] } }).postgres.sessions;
const sessions: Session[] = Array.from({ length: 2000 }, (_, i) => ({
  ...base[i % base.length],
  pid: 100_000 + i,
  blockedBy: i % 10 === 1 ? [100_000 + i - 1] : [],
}));

function time(name: string, fn: () => unknown, runs = 500) {
  for (let i = 0; i < 50; i++) fn();
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  console.log(`${name}: ${((performance.now() - t) / runs).toFixed(3)} ms per poll (2000 sessions, ${runs} runs)`);
}

time("rankSuspects", () => rankSuspects(sessions));
time("countSessions", () => countSessions(sessions));
console.log(`suspects found: ${rankSuspects(sessions).length} (capped at 20)`);
