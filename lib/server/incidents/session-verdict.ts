// Runbook 3.2's judgement of the session counts, from the poll's summary. The checklist's
// session_counts evidence and the verification panel both show this one result, so they agree.
import { formatDuration } from "../../format";
import { idleInTransactionTotal, type SessionCounts } from "../../session-stats";
import type { SessionVerdict } from "../../verification";
import { ACTIVE_BAD_SHARE_OF_MAX_CONNECTIONS, IDLE_IN_XACT_BAD_MS } from "./thresholds";

export function sessionVerdict(c: SessionCounts, maxConnections: number | null): SessionVerdict {
  const idle = idleInTransactionTotal(c);
  const oldest = c.oldestIdleInTransaction;
  const idleTooLong = oldest !== null && oldest.ms > IDLE_IN_XACT_BAD_MS;
  const tooManyActive = maxConnections !== null && maxConnections > 0 && c.active > ACTIVE_BAD_SHARE_OF_MAX_CONNECTIONS * maxConnections;
  const activeText =
    `${c.active} active` +
    (maxConnections ? ` of max_connections ${maxConnections}` : "") +
    (tooManyActive ? ` (over ${Math.round(ACTIVE_BAD_SHARE_OF_MAX_CONNECTIONS * 100)} %)` : "");
  const idleText =
    `${idle} idle in transaction` +
    (oldest ? `, oldest ${formatDuration(oldest.ms)}` : "") +
    (idleTooLong ? ` (over ${formatDuration(IDLE_IN_XACT_BAD_MS)})` : "");
  return {
    status: idleTooLong || tooManyActive ? "bad" : "ok",
    active: c.active,
    idleInTransaction: idle,
    oldestIdleInTransaction: oldest,
    text: `${activeText}, ${idleText}`,
  };
}
