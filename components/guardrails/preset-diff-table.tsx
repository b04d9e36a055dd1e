import { scopeText } from "./guardrail-text";
import type { DiffRow } from "./types";

/** The dry run of the emergency profile: what each setting is at that scope now, and what it becomes. */
export function PresetDiffTable({ diff }: { diff: DiffRow[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="pb-1 text-left text-xs text-zinc-400">Before and after, for {diff[0] ? scopeText(diff[0].role, diff[0].database) : "—"}</caption>
      <thead className="text-xs uppercase tracking-wider text-zinc-400">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Setting</th>
          <th scope="col" className="py-1 pr-3 font-medium">Before</th>
          <th scope="col" className="py-1 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.setting} className="border-t border-zinc-800 text-zinc-300">
            <th scope="row" className="py-0.5 pr-3 font-mono text-xs font-normal">{d.setting}</th>
            <td className="py-0.5 pr-3 font-mono text-xs">{d.before ?? "not set"}</td>
            <td className={`py-0.5 font-mono text-xs ${d.before === d.value ? "" : "text-amber-200"}`}>
              {d.value}
              {d.supersedes && <span className="ml-2 font-sans text-zinc-400">(replaces an active guardrail; revert still restores {d.prior ?? "the default"})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
