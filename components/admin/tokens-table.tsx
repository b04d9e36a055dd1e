"use client";
import { RelativeAge } from "@/components/ui/relative-age";
import { buttonClass } from "./add-user-form";
import type { TokenRow } from "./types";
import { ScrollX } from "@/components/ui/scroll-x";

interface TokensTableProps {
  tokens: TokenRow[];
  /** Show whose token each is (everyone's tokens). */
  showOwner: boolean;
  onRevoke: (token: TokenRow) => void;
}

const th = "py-1.5 pr-4 font-medium";

export function TokensTable({ tokens, showOwner, onRevoke }: TokensTableProps) {
  if (tokens.length === 0) return <p className="text-zinc-400">No API tokens.</p>;
  return (
    <ScrollX>
      <table className="w-full text-left">
        <thead className="text-xs text-zinc-400">
          <tr className="border-b border-zinc-800">
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={th}>Token</th>
            {showOwner && <th scope="col" className={th}>Owner</th>}
            <th scope="col" className={th}>Created</th>
            <th scope="col" className={th}>Last used</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className="py-1.5 font-medium">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} data-token-prefix={t.prefix} className={`border-b border-zinc-800/60 align-middle ${t.revokedAt ? "text-zinc-400" : ""}`}>
              <th scope="row" className="max-w-xs break-words py-1.5 pr-4 font-medium text-zinc-100">
                {t.name}
              </th>
              <td className="py-1.5 pr-4 font-mono text-zinc-400">{`${t.prefix}…`}</td>
              {showOwner && <td className="py-1.5 pr-4">{t.username ?? t.userId}</td>}
              <td className="py-1.5 pr-4 text-zinc-400">
                <RelativeAge iso={t.createdAt} />
              </td>
              <td className="py-1.5 pr-4 text-zinc-400">
                <RelativeAge iso={t.lastUsedAt} />
              </td>
              <td className={`py-1.5 pr-4 ${t.revokedAt ? "text-rose-300" : "text-emerald-300"}`}>
                {t.revokedAt ? (
                  <>
                    revoked <RelativeAge iso={t.revokedAt} />
                  </>
                ) : (
                  "active"
                )}
              </td>
              <td className="py-1.5">
                {!t.revokedAt && (
                  <button type="button" aria-label={`Revoke token ${t.prefix}`} onClick={() => onRevoke(t)} className={buttonClass}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
