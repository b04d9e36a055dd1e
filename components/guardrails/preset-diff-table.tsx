import { directionText, scopeText } from "./guardrail-text";
import { levelText, type DiffRow } from "./types";

const DIRECTION_STYLE: Record<DiffRow["direction"], string> = {
  lower: "text-emerald-300",
  same: "text-zinc-300",
  raise: "font-semibold text-rose-300",
  unknown: "font-semibold text-amber-300",
};

/** The dry run of the emergency profile: the value in force now (and its level), the proposal, its direction and how it was chosen. */
export function PresetDiffTable({ diff }: { diff: DiffRow[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="pb-1 text-left text-xs text-zinc-400">In force now and proposed, for {diff[0] ? scopeText(diff[0].role, diff[0].database) : "—"}</caption>
      <thead className="text-xs uppercase tracking-wider text-zinc-400">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Setting</th>
          <th scope="col" className="py-1 pr-3 font-medium">In force now</th>
          <th scope="col" className="py-1 pr-3 font-medium">Proposed</th>
          <th scope="col" className="py-1 font-medium">Direction</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.setting} className="border-t border-zinc-800 align-top text-zinc-300">
            <th scope="row" className="py-0.5 pr-3 font-mono text-xs font-normal">{d.setting}</th>
            <td className="py-0.5 pr-3 font-mono text-xs">
              {d.effective.value ?? "unknown"}
              <span className="block font-sans text-zinc-400">from {levelText(d.effective)}</span>
            </td>
            <td className="py-0.5 pr-3 font-mono text-xs">
              {d.value}
              {d.how && <span className="block font-sans text-zinc-400">{d.how}</span>}
              {d.supersedes && <span className="block font-sans text-zinc-400">(replaces an active guardrail; revert still restores {d.prior ?? "the default"})</span>}
            </td>
            <td className={`py-0.5 text-xs ${DIRECTION_STYLE[d.direction]}`}>{directionText(d.direction)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
