// The one way the UI calls the JSON API: same-origin only, the httpOnly session cookie rides along,
// every POST/PUT/PATCH sends a JSON body (the server refuses anything else), errors become ApiError.
// Isomorphic: no Node imports, no React.

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** An API error ({ error: { code, message } }), a non-JSON failure, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiFetchOptions {
  method?: ApiMethod;
  /** JSON body; POST/PUT/PATCH send `{}` when omitted. */
  body?: unknown;
  signal?: AbortSignal;
}

const WITH_BODY = new Set<ApiMethod>(["POST", "PUT", "PATCH"]);

function errorOf(status: number, payload: unknown): ApiError {
  const err = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (err && typeof err.message === "string" && err.message) {
    return new ApiError(status, typeof err.code === "string" ? err.code : "error", err.message);
  }
  return new ApiError(status, "http_error", `The console answered HTTP ${status}; nothing to show. Try again.`);
}

/** Calls `path` (a same-origin path such as "/api/users") and resolves with the parsed JSON, or throws ApiError. */
export async function apiFetch<T>(path: string, opts: ApiFetchOptions = {}): Promise<T> {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
    throw new ApiError(0, "bad_path", `apiFetch takes a same-origin path, got "${path}"`);
  }
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: string | undefined;
  if (WITH_BODY.has(method) || opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: "same-origin", cache: "no-store", signal: opts.signal });
  } catch (e) {
    if ((e as Error)?.name === "AbortError") throw e;
    throw new ApiError(0, "network", "Could not reach the console. Check the connection and try again.");
  }
  const text = await res.text().catch(() => "");
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (!res.ok) throw errorOf(res.status, payload);
  if (payload === null) throw new ApiError(res.status, "bad_response", "The console sent an empty or unreadable answer.");
  return payload as T;
}

/** A readable message for anything a UI action threw. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong.";
}
