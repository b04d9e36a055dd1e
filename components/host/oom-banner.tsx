import type { HostSnapshot } from "@/lib/snapshot";
import { formatBytes } from "@/lib/format";
import { oomKillsInQuietWindow, oomKillsSince } from "@/lib/oom-state";
import { PidLink } from "@/components/live/pid-link";
import { heldBytes } from "./host-processes";
import { oomHeadline, quietWindowText, statementSourceText } from "./oom-text";

interface OomBannerProps {
  hostName: string;
  host: HostSnapshot;
  /** The kernel's oom_kill counter when this page first saw the host. */
  killsAtOpen: number | null;
}

/** The incident signal: impossible to miss, and it says who died and what it was doing. All text is untrusted. */
export function OomBanner({ hostName, host, killsAtOpen }: OomBannerProps) {
  const latest = host.oomEvents[0];
  if (!latest) return null;
  const s = latest.session;
  const sincePage = oomKillsSince(killsAtOpen, host);
  const inWindow = oomKillsInQuietWindow(host, Date.parse(host.takenAt)).length;
  const headline = oomHeadline(hostName, latest);
  return (
    <div role="alert" className="rounded-md border-2 border-rose-600 bg-rose-950/80 px-3 py-2 text-rose-100">
      <p className="font-semibold">
        {headline.victim}{" "}
        {headline.pid !== null && (s ? <PidLink pid={headline.pid} /> : `pid ${headline.pid}`)} {headline.at}
      </p>
      {(s || latest.statement) && (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
          {s && (
            <>
              <dt className="text-rose-300">User</dt>
              <dd>{s.user ?? "—"}</dd>
              <dt className="text-rose-300">Application</dt>
              <dd>{s.applicationName || "—"}</dd>
            </>
          )}
          {s?.memory && (
            <>
              <dt className="text-rose-300">Memory</dt>
              <dd>{formatBytes(heldBytes(s.memory))}</dd>
            </>
          )}
          <dt className="text-rose-300">Query</dt>
          <dd>
            <code className="line-clamp-3 whitespace-pre-wrap break-words font-mono text-xs">{latest.statement ?? s?.query}</code>
            <span className="block text-xs text-rose-200">{statementSourceText(latest.statementSource)}</span>
          </dd>
        </dl>
      )}
      {latest.line && <p className="mt-1 truncate font-mono text-xs text-rose-200/80" title={latest.line}>{latest.line}</p>}
      <p className="mt-1 text-xs text-rose-200">
        OOM kills: {quietWindowText(inWindow)} · {sincePage === null ? "—" : sincePage} since this page opened, {host.oomKills} since boot
        {host.oomEvents.length > 1 ? ` · ${host.oomEvents.length} seen by the console` : ""}
      </p>
    </div>
  );
}
