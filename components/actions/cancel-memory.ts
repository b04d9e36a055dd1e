// Which sessions this browser already tried to cancel: terminate is offered directly only after that.
// Kept in sessionStorage so a reload in the middle of an incident does not forget it.

const STORAGE_KEY = "pg-triage:cancel-tried";
const MAX_ENTRIES = 500;

export const cancelKey = (targetId: string, pid: number, backendStart: string | null) => `${targetId}|${pid}|${backendStart ?? ""}`;

let memory: Map<string, number> | null = null;

function load(): Map<string, number> {
  if (memory) return memory;
  memory = new Map();
  try {
    const raw = typeof sessionStorage === "undefined" ? null : sessionStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed)) {
      for (const item of parsed) if (Array.isArray(item) && typeof item[0] === "string" && typeof item[1] === "number") memory.set(item[0], item[1]);
    }
  } catch {
    // Storage unavailable or corrupt: remember for this page only.
  }
  return memory;
}

/** When a cancel of this session was sent from this browser (epoch ms), or null. */
export function cancelTriedAt(key: string): number | null {
  return load().get(key) ?? null;
}

export function markCancelTried(key: string, at = Date.now()): void {
  const m = load();
  m.delete(key);
  m.set(key, at);
  while (m.size > MAX_ENTRIES) m.delete(m.keys().next().value as string);
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...m]));
  } catch {
    // Best effort.
  }
}
