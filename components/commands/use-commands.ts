"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CommandsView } from "@/lib/commands";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";

const POLL_MS = 3000;

export interface CommandsResource {
  data: CommandsView | null;
  /** Why the last poll failed; the previous data stays shown. */
  error: string | null;
  reload: () => void;
}

/** GET the target's commands now and every 3 s while mounted (running flags, last runs); reload() polls at once. */
export function useCommands(targetId: string): CommandsResource {
  const [data, setData] = useState<CommandsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const seq = useRef(0);
  const path = `/api/targets/${encodeURIComponent(targetId)}/commands`;

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const mine = ++seq.current;
      try {
        const d = await apiFetch<CommandsView>(path, { signal: ctrl.signal });
        if (mine === seq.current) {
          setData(d);
          setError(null);
        }
      } catch (e) {
        if (!ctrl.signal.aborted && mine === seq.current) setError(errorMessage(e));
      }
      if (!ctrl.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, reload };
}
