import type { CommandRunResult } from "@/lib/commands";

/** One run started from this page: in flight, finished (whatever its exit), or refused / failed to reach the console. */
export type RunState =
  | { phase: "running"; startedAt: number }
  | { phase: "done"; result: CommandRunResult }
  | { phase: "failed"; message: string };
