// Posts one alert to the configured webhook, in the background, with a timeout and retries with
// backoff. A webhook URL often carries its secret in the path: errors name the host only.

export interface WebhookPayload {
  /** Slack-compatible one-line message. */
  text: string;
  targetId: string;
  rule: string;
  state: "firing" | "resolved";
  value: number;
  threshold: number;
  at: string;
}

export interface DeliveryOptions {
  /** Waits between tries: 5 tries by default. */
  delaysMs?: number[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type Delivery = { ok: true; tries: number } | { ok: false; tries: number; error: string };

export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

/** The host (and port) of a webhook URL: the only part of it that may be logged or stored. */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}

async function tryOnce(url: string, body: string, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
  const host = webhookHost(url);
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "pg-triage" },
      body,
      redirect: "manual", // a redirect could carry the secret elsewhere
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await res.arrayBuffer().catch(() => {});
    return res.ok ? null : `HTTP ${res.status} from ${host}`;
  } catch (e) {
    if (timeout.aborted) return `no answer from ${host} within ${timeoutMs / 1000} s`;
    if (signal?.aborted) return `not sent to ${host}: the console is stopping`;
    const code = (e as { cause?: { code?: string } }).cause?.code;
    return `cannot reach ${host}${code ? ` (${code})` : ""}`;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

export async function deliverWebhook(url: string, payload: WebhookPayload, opts: DeliveryOptions = {}): Promise<Delivery> {
  const delays = opts.delaysMs ?? RETRY_DELAYS_MS;
  const body = JSON.stringify(payload);
  let error = "";
  for (let i = 0; i <= delays.length; i++) {
    if (i > 0) await sleep(delays[i - 1], opts.signal);
    if (opts.signal?.aborted) return { ok: false, tries: i, error: error || `not sent to ${webhookHost(url)}: the console is stopping` };
    const failed = await tryOnce(url, body, opts.timeoutMs ?? 5000, opts.signal);
    if (failed === null) return { ok: true, tries: i + 1 };
    error = failed;
  }
  return { ok: false, tries: delays.length + 1, error: `${error} (after ${delays.length + 1} tries)` };
}
