import { utcText, type GuardrailInForce } from "@/lib/report";
import { Head, TABLE, Td } from "./cells";
import { ScrollX } from "@/components/ui/scroll-x";

/** The target's active pg-triage guardrails now, with what a revert restores: what whoever takes over inherits. */
export function GuardrailsInForceTable({ guardrails, targetName }: { guardrails: GuardrailInForce[]; targetName: string }) {
  if (!guardrails.length) return <p>None: no guardrail applied by pg-triage is active on {targetName}.</p>;
  return (
    <ScrollX label="Guardrails still in force, scrollable">
      <table aria-label="Guardrails still in force" className={TABLE}>
        <Head cols={["Setting", "Role", "Database", "Value", "Revert restores", "Applied by", "Applied (UTC)", "Expires (UTC)"]} />
        <tbody>
          {guardrails.map((g) => (
            <tr key={g.id}>
              <Td>{g.setting}</Td>
              <Td>{g.role}</Td>
              <Td>{g.database ?? "all databases"}</Td>
              <Td className="font-semibold">{g.value}</Td>
              <Td>{g.prior ?? "not set (RESET)"}</Td>
              <Td>{g.appliedBy}</Td>
              <Td className="whitespace-nowrap tabular-nums">{utcText(g.appliedAt).slice(0, 19)}</Td>
              <Td className="whitespace-nowrap tabular-nums">{g.expiresAt ? utcText(g.expiresAt).slice(0, 19) : "—"}</Td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
