// What viewers and the audit are told when the host connection fails: a fixed sentence and a safe
// category, never the error's own text (it can name key paths, hosts, users and ports). The
// detail goes to the server's log only.

export const HOST_CONNECTION_FAILED = "the host connection failed";
const SEE_LOG = "see the console's log";

/** First match wins: the categories name the kind of failure and nothing of the setup. */
const CATEGORIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^cannot read the private key/, "the private key cannot be read"],
  [/host key mismatch/i, "host key mismatch"],
  [/authentication failed|authentication methods failed/i, "authentication failed"],
  [/ECONNREFUSED/, "connection refused"],
  [/ENOTFOUND|EAI_AGAIN/, "host name not found"],
  [/EHOSTUNREACH|ENETUNREACH/, "host unreachable"],
  [/ETIMEDOUT|timed out|did not finish within/i, "timed out"],
  [/ECONNRESET|EPIPE|connection closed|not connected/i, "connection closed"],
  [/^ssh exec:/, "the host refused a new channel"],
  [/^cannot run \/bin\/sh/, "cannot start a shell"],
];

/** A short safe category for a host transport error, or null when it is none of the known kinds. */
export function hostFailureCategory(e: unknown): string | null {
  const message = e instanceof Error ? e.message : String(e);
  return CATEGORIES.find(([re]) => re.test(message))?.[1] ?? null;
}

/** "the host connection failed (connection refused): see the console's log" */
export function hostFailureText(e: unknown): string {
  const category = hostFailureCategory(e);
  return `${HOST_CONNECTION_FAILED}${category ? ` (${category})` : ""}: ${SEE_LOG}`;
}

/** The full error for the server's log (never shown to a viewer). */
export function hostFailureDetail(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
