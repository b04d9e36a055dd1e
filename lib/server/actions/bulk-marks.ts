// What changed in a previewed session by the time the confirmation runs: the same pid and
// backend_start (else it is another session), but a different state or query (query_start moved).
import type { Session } from "../../snapshot";
import { sameInstant } from "../pg/backends";

/** A session as the preview showed it (state and queryStart are optional: older clients send only the identity). */
export interface PreviewedSession {
  pid: number;
  backendStart: string;
  state?: string | null;
  queryStart?: string | null;
}

export interface SincePreview {
  /** What differs from the preview: "state", "query" (query_start moved: another statement). */
  changed: Array<"state" | "query">;
  state: string | null;
  queryStart: string | null;
}

/** null when nothing the preview showed has changed (or the preview sent nothing to compare). */
export function sincePreview(previewed: PreviewedSession, now: Session): SincePreview | null {
  const changed: SincePreview["changed"] = [];
  if (previewed.state !== undefined && previewed.state !== now.state) changed.push("state");
  if (previewed.queryStart !== undefined) {
    const same = previewed.queryStart === null ? now.queryStart === null : sameInstant(previewed.queryStart, now.queryStart);
    if (!same) changed.push("query");
  }
  return changed.length ? { changed, state: now.state, queryStart: now.queryStart } : null;
}
