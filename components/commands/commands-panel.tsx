"use client";
import { useState } from "react";
import type { CommandRunResult } from "@/lib/commands";
import type { StreamState } from "@/components/live/stream-state";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { Panel } from "@/components/ui/panel";
import { CommandRow } from "./command-row";
import { RunDialog } from "./run-dialog";
import type { RunState } from "./run-state";
import { useCommands } from "./use-commands";
import { ScrollX } from "@/components/ui/scroll-x";

export interface CommandsPanelProps {
  targetId: string;
  stream: StreamState;
}

/** The target's configured containment commands (runbook 0, 2.1, 2.4, 3.4), each run after a confirmation
 * that shows the exact command. Runs live here, not in the dialog, so closing it never loses a result. */
export function CommandsPanel({ targetId }: CommandsPanelProps) {
  const { data, error, reload } = useCommands(targetId);
  const [runs, setRuns] = useState<Record<string, RunState>>({});
  const [open, setOpen] = useState<{ name: string; fresh: boolean } | null>(null);
  const commands = data?.commands ?? [];
  if (data !== null && commands.length === 0) return null; // nothing configured for this target

  async function run(name: string, reason: string) {
    setRuns((r) => ({ ...r, [name]: { phase: "running", startedAt: Date.now() } }));
    setOpen({ name, fresh: false });
    reload(); // others see it running
    const path = `/api/targets/${encodeURIComponent(targetId)}/commands/${encodeURIComponent(name)}/run`;
    let next: RunState;
    try {
      next = { phase: "done", result: await apiFetch<CommandRunResult>(path, { method: "POST", body: { confirm: name, ...(reason ? { reason } : {}) } }) };
    } catch (e) {
      next = { phase: "failed", message: errorMessage(e) };
    }
    setRuns((r) => ({ ...r, [name]: next }));
    reload();
  }

  const current = open ? commands.find((c) => c.name === open.name) : undefined;
  return (
    <Panel title="Containment commands">
      {error && (
        <p role="alert" className="mb-2 text-sm text-rose-300">
          {error}
        </p>
      )}
      {data === null ? (
        <p className="text-sm text-zinc-400">{error ? "" : "Loading commands…"}</p>
      ) : (
        <ScrollX>
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-zinc-400">
              <tr>
                <th scope="col" className="pb-1 pr-3 font-medium">Command</th>
                <th scope="col" className="pb-1 pr-3 font-medium">Runbook</th>
                <th scope="col" className="pb-1 pr-3 font-medium">Role</th>
                <th scope="col" className="pb-1 pr-3 font-medium">Last run</th>
                <th scope="col" className="pb-1 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {commands.map((c) => (
                <CommandRow
                  key={c.name}
                  command={c}
                  hasOutput={runs[c.name] !== undefined}
                  onRun={() => setOpen({ name: c.name, fresh: true })}
                  onShow={() => setOpen({ name: c.name, fresh: false })}
                />
              ))}
            </tbody>
          </table>
        </ScrollX>
      )}
      {current && open && (
        <RunDialog
          key={current.name}
          targetId={targetId}
          command={current}
          state={open.fresh ? null : (runs[current.name] ?? null)}
          onRun={(reason) => void run(current.name, reason)}
          onClose={() => setOpen(null)}
        />
      )}
    </Panel>
  );
}
