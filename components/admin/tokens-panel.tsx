"use client";
import { useId, useState } from "react";
import { useDeniedReason } from "@/components/auth/current-user";
import { apiFetch, errorMessage } from "@/components/ui/api-fetch";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { CreateTokenForm, type CreatedToken } from "./create-token-form";
import { NewTokenNotice } from "./new-token-notice";
import { TokensTable } from "./tokens-table";
import type { TokenRow } from "./types";
import { useApiResource } from "./use-api-resource";

interface TokensPanelProps {
  title: string;
  /** Start with everyone's tokens (admins only; others see the switch disabled, with the reason). */
  initialAll?: boolean;
}

/** API tokens: the caller's own (tokens.self), or everyone's for an admin; create (shown once) and revoke. */
export function TokensPanel({ title, initialAll = false }: TokensPanelProps) {
  const id = useId();
  const allDenied = useDeniedReason("users.admin");
  const [all, setAll] = useState(initialAll && allDenied === null);
  const { data, error: loadError, loading, reload } = useApiResource<{ tokens: TokenRow[] }>(all ? "/api/tokens?all=1" : "/api/tokens");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    setDialogError(null);
    try {
      await apiFetch<{ token: TokenRow }>(`/api/tokens/${encodeURIComponent(revoking.id)}`, { method: "DELETE" });
      setStatus(`Token ${revoking.prefix} (${revoking.name}) is revoked.`);
      setRevoking(null);
      reload();
    } catch (e) {
      setDialogError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const allSwitch = (
    <span className="flex items-center gap-2 text-xs text-zinc-400">
      <input
        id={`${id}-all`}
        type="checkbox"
        checked={all}
        disabled={allDenied !== null}
        aria-describedby={allDenied ? `${id}-all-why` : undefined}
        onChange={(e) => setAll(e.target.checked)}
        className="disabled:cursor-not-allowed"
      />
      <label htmlFor={`${id}-all`} className={allDenied ? "text-zinc-400" : ""}>
        Everyone’s tokens
      </label>
      {allDenied && (
        <span id={`${id}-all-why`} className="text-zinc-400">
          {allDenied}
        </span>
      )}
    </span>
  );

  return (
    <Panel title={title} actions={allSwitch}>
      <div className="space-y-4">
        <CreateTokenForm
          onCreated={(c) => {
            setCreated(c);
            setStatus("");
            reload();
          }}
        />
        {created && <NewTokenNotice key={created.summary.id} name={created.summary.name} token={created.token} onDone={() => setCreated(null)} />}
        {loadError && (
          <p role="alert" className="text-rose-300">
            {`Could not load the tokens: ${loadError}`}
          </p>
        )}
        <p role="status" className="min-h-5 text-emerald-300">
          {status}
        </p>
        {data ? (
          <TokensTable tokens={data.tokens} showOwner={all} onRevoke={(t) => {
              setDialogError(null);
              setRevoking(t);
            }} />
        ) : (
          loading && <p className="text-zinc-400">Loading tokens…</p>
        )}
      </div>
      {revoking && (
        <ConfirmDialog
          title={`Revoke token ${revoking.prefix}?`}
          confirmLabel={`Revoke token ${revoking.prefix}`}
          busy={busy}
          error={dialogError}
          onConfirm={revoke}
          onCancel={() => setRevoking(null)}
        >
          <p>{`Anything using the token “${revoking.name}”${revoking.username ? ` of ${revoking.username}` : ""} stops authenticating at once. This cannot be undone.`}</p>
        </ConfirmDialog>
      )}
    </Panel>
  );
}
