"use client";
import { useState } from "react";
import { useCurrentUser, useDeniedReason } from "@/components/auth/current-user";
import { Panel } from "@/components/ui/panel";
import { ApplyForm } from "./apply-form";
import { EmergencyDialog } from "./emergency-dialog";
import { writeBlockReason } from "./guardrail-text";
import { HelmBar } from "./helm-bar";
import { InForceTable } from "./in-force-table";
import { PreChangeNotice } from "./pre-change-notice";
import { RollbackSection } from "./rollback-section";
import type { ApplyOutcome } from "./types";
import { useGuardrails } from "./use-guardrails";
import { primaryClass, WriteButton } from "./write-button";

const section = "space-y-2 border-t border-zinc-800 pt-3";

/** Runbook 0.3, 2.3 and the backout plan: the helm, what is in force, apply, the emergency profile, rollback. */
export function GuardrailsPanel({ targetId, databases }: { targetId: string; databases: string[] }) {
  const { data, error, reload } = useGuardrails(targetId);
  const user = useCurrentUser();
  const denied = useDeniedReason("guardrails.write");
  const [emergency, setEmergency] = useState(false);
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);
  const helm = data?.helm ?? null;
  const blocked = writeBlockReason(denied, helm, user?.username);
  const roles = data?.roles.map((r) => r.role) ?? [];
  const applied = (o: ApplyOutcome) => {
    setOutcome(o);
    setEmergency(false);
    reload();
  };

  return (
    <Panel
      title="Guardrails"
      actions={
        <WriteButton blocked={blocked} showReason={false} onClick={() => setEmergency(true)} className={primaryClass}>
          Emergency profile…
        </WriteButton>
      }
    >
      {error && (
        <p role="alert" className="mb-2 text-sm text-rose-300">
          {error}
        </p>
      )}
      {data === null ? (
        <p className="text-sm text-zinc-400">{error ? "" : "Loading guardrails…"}</p>
      ) : (
        <div className="space-y-3">
          <HelmBar targetId={targetId} helm={helm} username={user?.username ?? null} onChanged={reload} />
          <div className={section}>
            <h3 className="text-sm font-medium text-zinc-200">In force</h3>
            <InForceTable view={data} guardrails={data.guardrails} />
          </div>
          <div className={section}>
            <RollbackSection targetId={targetId} guardrails={data.guardrails} blocked={blocked} onChanged={reload} />
          </div>
          <div className={section}>
            <h3 className="text-sm font-medium text-zinc-200">Apply a guardrail</h3>
            <ApplyForm targetId={targetId} roles={roles} blocked={blocked} onApplied={applied} />
            {outcome && <PreChangeNotice key={outcome.guardrailId} targetId={targetId} outcome={outcome} />}
          </div>
        </div>
      )}
      {emergency && (
        <EmergencyDialog
          targetId={targetId}
          defaultRole={roles.find((r) => r === "odoo") ?? roles.find((r) => /odoo/i.test(r)) ?? ""}
          defaultDatabase={databases.find((d) => /odoo/i.test(d)) ?? ""}
          onApplied={applied}
          onClose={() => setEmergency(false)}
        />
      )}
    </Panel>
  );
}
