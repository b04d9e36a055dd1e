"use client";
import { useCallback, useEffect, useState } from "react";
import type { AuditVerifyResult } from "@/lib/audit";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { chainStatusText } from "./audit-query";

/** The tamper-evidence check, prominent: a broken chain is the first thing a reviewer must see. */
export function ChainStatus() {
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = useCallback(async () => {
    setBusy(true);
    try {
      setResult(await apiFetch<AuditVerifyResult>("/api/audit/verify"));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => {
    void verify();
  }, [verify]);

  const broken = result !== null && !result.ok;
  const tone = broken || error ? "border-rose-700 bg-rose-950/70 text-rose-100" : "border-emerald-800 bg-emerald-950/40 text-emerald-200";
  return (
    <div className={`flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 ${tone}`}>
      <p role={broken || error ? "alert" : "status"} className={`font-semibold ${broken ? "text-base" : ""}`}>
        {error ? `Chain status unknown: ${error}` : result ? chainStatusText(result) : "Verifying the audit chain…"}
      </p>
      <button type="button" onClick={() => void verify()} disabled={busy} aria-busy={busy} className="ml-auto rounded border border-current/40 px-2 py-0.5 text-xs disabled:opacity-60">
        Verify again
      </button>
    </div>
  );
}
