import { utcText, type ChecklistItem } from "@/lib/report";
import { runbookSections } from "@/lib/runbook";
import { ScrollX } from "@/components/ui/scroll-x";
import { Head, TABLE, Td } from "./cells";

const WIDTHS = ["8%", "26%", "8%", "8%", "14%", "16%", "20%"];

/** Every runbook step with the newest check of it: who, when, the note and the evidence stored with it. */
export function ChecklistTable({ checklist }: { checklist: ChecklistItem[] }) {
  return (
    <div className="space-y-3">
      {runbookSections.map((s) => {
        const items = checklist.filter((c) => c.section === s.key);
        if (!items.length) return null;
        return (
          <ScrollX key={s.key} label={`${s.title}, scrollable`}>
            <table aria-label={s.title} className={`${TABLE} min-w-[40rem] table-fixed`}>
              <caption className="py-1 text-left text-xs font-semibold">{s.title}</caption>
              {/* The same column widths in every section, so the five tables read as one. */}
              <colgroup>
                {WIDTHS.map((w, n) => (
                  <col key={n} style={{ width: w }} />
                ))}
              </colgroup>
              <Head cols={["Step", "Title", "State", "By", "At (UTC)", "Note", "Evidence at check"]} />
              <tbody>
                {items.map((c) => (
                  <tr key={c.key} data-step={c.key}>
                    <Td className="break-words tabular-nums">{c.key}</Td>
                    <Td>{c.title}</Td>
                    <Td className={c.checked ? "font-semibold" : ""}>{c.checked ? "checked" : c.by ? "unchecked" : "not done"}</Td>
                    <Td>{c.by ?? "—"}</Td>
                    <Td className="whitespace-nowrap tabular-nums">{c.at ? utcText(c.at).slice(0, 19) : "—"}</Td>
                    <Td className="whitespace-pre-wrap break-words">{c.note ?? ""}</Td>
                    <Td>
                      {c.evidence.length === 0
                        ? "—"
                        : c.evidence.map((e) => (
                            <div key={e.kind}>
                              {e.kind}: {e.status}, {e.text}
                            </div>
                          ))}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        );
      })}
    </div>
  );
}
