"use client";
import { useDeniedReason } from "@/components/auth/current-user";
import { useCommands } from "@/components/commands/use-commands";
import { useTargetIncidents } from "@/components/incidents/incident-poll";
import type { StreamState } from "@/components/live/stream-state";
import { Panel } from "@/components/ui/panel";
import { runbookSections } from "@/lib/runbook";
import { RunbookStepRow } from "./runbook-step";

export interface RunbookPanelProps {
  targetId: string;
  stream: StreamState;
}

/** The runbook checklist (steps 0 to 3 and the rollback plan) with live evidence, checked by a person. */
export function RunbookPanel({ targetId }: RunbookPanelProps) {
  const { data, error, reload } = useTargetIncidents(targetId);
  const commands = useCommands(targetId).data?.commands ?? [];
  const denied = useDeniedReason("incidents.write");
  const incident = data?.incidents.find((i) => i.status === "open") ?? null;
  const checklist = data?.checklist ?? [];
  const done = checklist.filter((s) => s.checked).length;

  return (
    <Panel title="Runbook checklist" actions={incident ? <span className="text-xs text-zinc-400">{done} of {checklist.length} checked</span> : undefined}>
      {!data && !error && <p className="text-sm text-zinc-400">Loading the checklist…</p>}
      {error && (
        <p role="alert" className="mb-2 text-xs text-rose-300">
          {error}
        </p>
      )}
      {data && !incident && <p className="mb-2 text-sm text-zinc-400">Open an incident to check steps. The evidence below is live.</p>}
      {data && incident && denied && <p className="mb-2 text-xs text-zinc-400">{denied}: the checklist is read-only for you.</p>}
      <div className="space-y-3">
        {runbookSections.map((section) => {
          const steps = checklist.filter((s) => s.section === section.key);
          if (!steps.length) return null;
          return (
            <section key={section.key} aria-label={section.title}>
              <h3 className="text-sm font-semibold text-zinc-300">{section.title}</h3>
              <ul>
                {steps.map((s) => (
                  <RunbookStepRow key={s.key} step={s} commands={commands.filter((c) => c.steps.includes(s.key))} incidentId={incident?.id ?? null} denied={denied} onChanged={reload} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </Panel>
  );
}
