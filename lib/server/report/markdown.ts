// The incident report as Markdown: what happened, what was done by whom (before → after), the checklist,
// the guardrails still in force, notes, the full timeline. Pure: the same input gives the same bytes.
import { formatDuration } from "../../format";
import { hasImpactData, impactCell } from "../../impact-format";
import { IMPACT_LABELS, incidentDurationMs, isAction, isAdopted, utcText, type IncidentTimeline, type TimelineEvent } from "../../report";
import { runbookSections } from "../../runbook";
import { cell, fenced, inline, paragraph, table } from "./md-escape";

/** Signal lines quoted in the report (the timeline table lists up to MAX_SIGNAL_EVENTS). */
export const QUOTED_SIGNALS = 30;

const time = (iso: string | null) => (iso ? utcText(iso).replace(" UTC", "") : "—");
const detailCell = (e: TimelineEvent) => cell((e.detail ?? "").split("\n").join("; "), 600);

function header(t: IncidentTimeline): string[] {
  const i = t.incident;
  const duration = formatDuration(incidentDurationMs(i, t.generatedAt));
  return [
    `# Incident report: ${inline(i.title, 300)}`,
    "",
    `- **Target:** ${inline(i.targetName)} (${inline(i.targetId)})`,
    `- **Severity:** ${inline(i.severity)}`,
    `- **Status:** ${inline(i.status)}`,
    `- **Opened:** ${utcText(i.openedAt)} by ${inline(i.openedBy)}`,
    ...(i.startedAt < i.openedAt ? [`- **Started:** ${utcText(i.startedAt)} (adopted when it was opened: what happened on the target since then is part of it)`] : []),
    i.closedAt ? `- **Closed:** ${utcText(i.closedAt)} by ${inline(i.closedBy ?? "unknown")}` : `- **Closed:** not yet (report generated ${utcText(t.generatedAt)})`,
    `- **Duration:** ${duration}${i.closedAt ? "" : " so far"}`,
    "",
    "## Summary",
    "",
    i.summary ? paragraph(i.summary) : "_No summary yet._",
  ];
}

function happened(t: IncidentTimeline): string[] {
  const kinds = Object.entries(t.signals.byKind).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const alerts = t.events.filter((e) => e.kind === "alert");
  const out = [
    "",
    "## What happened",
    "",
    `- **Signal lines:** ${t.signals.total}${kinds.length ? ` (${kinds.map(([k, n]) => `${inline(k)}: ${n}`).join(", ")})` : ""}`,
    `- **OOM kills during the incident:** ${t.oomKillsDuring ?? "unknown (no host data)"}`,
    `- **Alerts:** ${alerts.filter((a) => a.outcome === "firing").length} fired, ${alerts.filter((a) => a.outcome === "resolved").length} resolved`,
  ];
  if (alerts.length) {
    out.push("", "### Alerts", "", table(["Time (UTC)", "Alert", "Details"], alerts.map((a) => [time(a.at), cell(a.title), detailCell(a)])));
  }
  const signals = t.events.filter((e) => e.kind === "signal" && e.code !== null).slice(-QUOTED_SIGNALS);
  if (signals.length) {
    const left = t.signals.total - signals.length;
    out.push("", `### Latest signal lines (${signals.length}${left > 0 ? ` of ${t.signals.total}` : ""})`, "");
    out.push(fenced(signals.map((s) => `${time(s.at)}  ${s.title.replace(/ log: /, "/")}  ${s.code}`).join("\n"), "text", 20_000));
  }
  return out;
}

function impact(t: IncidentTimeline): string[] {
  const m = t.impact;
  const out = ["", "## Impact", ""];
  if (!hasImpactData(m)) return [...out, "_No metric history was recorded for this window._"];
  const last = t.incident.closedAt ? "After" : "Now";
  out.push(
    `Before: the ${Math.round((Date.parse(m.before.to) - Date.parse(m.before.from)) / 60_000)} minutes before the start (${m.before.samples} samples, averages). Worst: during the incident (${m.during.samples} samples). ${last}: its last samples (${m.after.samples}, averages).`,
    "",
  );
  const rows = m.rows.map((r) => [cell(IMPACT_LABELS[r.key]), impactCell(m, r.key, "before"), impactCell(m, r.key, "worst"), impactCell(m, r.key, "after")]);
  return [...out, table(["Metric", "Before", "Worst", last], rows)];
}

function done(t: IncidentTimeline): string[] {
  const actions = t.events.filter(isAction);
  const adopted = actions.filter((e) => isAdopted(e, t.incident)).length;
  const out = ["", `## What was done (${actions.length})`, ""];
  if (!actions.length) return [...out, "_Nothing was done through pg-triage on this target during the incident._"];
  if (adopted) out.push(`${adopted} of them before the incident was opened (adopted).`, "");
  const when = (e: TimelineEvent) => `${time(e.at)}${isAdopted(e, t.incident) ? " (before open)" : ""}`;
  out.push(table(["#", "Time (UTC)", "By", "What", "Outcome", "Details (before → after)"], actions.map((e, n) => [String(n + 1), when(e), cell(e.actor ?? "—"), cell(e.title), cell(e.outcome ?? "—"), detailCell(e)])));
  const quoted = actions.map((e, n) => ({ e, n: n + 1 })).filter(({ e }) => e.code);
  if (quoted.length) {
    out.push("", "### Queries and output", "");
    for (const { e, n } of quoted) out.push(`**#${n}** ${inline(e.title)}`, "", fenced(e.code!, e.kind === "action" ? "sql" : "text"), "");
    out.pop();
  }
  return out;
}

function checklist(t: IncidentTimeline): string[] {
  const done = t.checklist.filter((c) => c.checked).length;
  const out = ["", `## Runbook checklist (${done} of ${t.checklist.length} checked)`];
  for (const s of runbookSections) {
    const items = t.checklist.filter((c) => c.section === s.key);
    if (!items.length) continue;
    const rows = items.map((c) => [
      inline(c.key),
      cell(c.title),
      c.checked ? "checked" : c.by ? "unchecked" : "not done",
      cell(c.by ?? "—"),
      time(c.at),
      cell(c.note ?? ""),
      cell(c.evidence.map((e) => `${e.kind}: ${e.status}, ${e.text}`).join("; ") || "—", 600),
    ]);
    out.push("", `### ${inline(s.title)}`, "", table(["Step", "Title", "State", "By", "At (UTC)", "Note", "Evidence at check"], rows));
  }
  return out;
}

function inForce(t: IncidentTimeline): string[] {
  const out = ["", `## Guardrails still in force (as of ${utcText(t.generatedAt)})`, ""];
  if (!t.guardrailsInForce.length) return [...out, `None: no guardrail applied by pg-triage is active on ${inline(t.incident.targetName)}.`];
  const rows = t.guardrailsInForce.map((g) => [cell(g.setting), cell(g.role), cell(g.database ?? "all databases"), cell(g.value), cell(g.prior ?? "not set (RESET)"), cell(g.appliedBy), time(g.appliedAt), time(g.expiresAt)]);
  return [...out, "Whoever takes over: these stay until reverted or expired.", "", table(["Setting", "Role", "Database", "Value", "Revert restores", "Applied by", "Applied (UTC)", "Expires (UTC)"], rows)];
}

function notes(t: IncidentTimeline): string[] {
  const list = t.events.filter((e) => e.kind === "note");
  const out = ["", `## Notes (${list.length})`];
  for (const n of list) out.push("", `**${time(n.at)} UTC, ${inline(n.actor ?? "unknown")}:**  `, paragraph(n.detail));
  return list.length ? out : [...out, "", "_No notes._"];
}

function timeline(t: IncidentTimeline): string[] {
  const left = t.signals.total - t.signals.shown;
  const rows = t.events.map((e) => [time(e.at), e.kind, cell(e.actor ?? "—"), cell(e.title), cell(e.outcome ?? "")]);
  return ["", `## Timeline (${t.events.length} events)`, "", ...(left > 0 ? [`${left} older signal lines are not listed.`, ""] : []), table(["Time (UTC)", "Kind", "Who", "Event", "Outcome"], rows)];
}

export function renderMarkdown(t: IncidentTimeline): string {
  const lines = [...header(t), ...happened(t), ...impact(t), ...done(t), ...checklist(t), ...inForce(t), ...notes(t), ...timeline(t), "", "---", "", `_Generated by pg-triage at ${utcText(t.generatedAt)}._`, ""];
  return lines.join("\n");
}

/** incident-<target>-<yyyy-mm-dd>.md, with only filename-safe characters. */
export function reportFilename(t: IncidentTimeline): string {
  const target = t.incident.targetId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60) || "target";
  return `incident-${target}-${t.incident.openedAt.slice(0, 10)}.md`;
}
