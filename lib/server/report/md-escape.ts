// Untrusted text into Markdown without changing its structure: inline text is backslash-escaped, code
// and log text goes in a fence longer than any backtick run inside it. Pure.

// C0/C1 controls (but tab and newline), bidi overrides and isolates, zero-width and BOM: they can hide
// or reorder what a reader sees.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Control characters removed; CR and CRLF become LF. */
export function stripControl(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

// Characters that can start Markdown or HTML syntax inside a line (CommonMark allows \ before any ASCII punctuation).
const INLINE_SPECIAL = /[\\`*_[\]<>#|~&]/g;

// GFM autolinks (extended): `scheme://` (http, https, ftp...), `www.` at a word start, and e-mail
// addresses (`x@y.z`, `mailto:`/`xmpp:`). Breaking the `:`, the `.` after www and the `@` with a
// backslash keeps the text readable and renders the same characters, but no link.
const AUTOLINK = /([a-z][a-z0-9+.-]*):(?=\/\/)|(?<![a-z0-9])(www)\.|@/gi;
const MAIL_SCHEME = /(?<![a-z0-9])(mailto|xmpp):/gi;

/** One line of inline text: newlines and tabs become spaces, Markdown/HTML characters escaped, no autolinks. */
export function inline(s: string | null | undefined, max = 500): string {
  if (s == null) return "";
  let t = stripControl(String(s)).replace(/[\n\t]+/g, " ").trim();
  if (t.length > max) t = `${t.slice(0, max)}…`;
  return t
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(AUTOLINK, (m, scheme: string | undefined, www: string | undefined) => (scheme ? `${scheme}\\:` : www ? `${www}\\.` : "\\@"))
    .replace(MAIL_SCHEME, "$1\\:");
}

/** Several lines of prose (a summary, a note): each line inline-escaped, joined with hard breaks. */
export function paragraph(s: string | null | undefined, max = 5000): string {
  if (s == null) return "";
  let t = stripControl(String(s)).trim();
  if (t.length > max) t = `${t.slice(0, max)}…`;
  return t
    .split("\n")
    .map((line) => inline(line, max))
    // Block syntax at the start of a line: list markers, setext underlines, ordered lists.
    .map((line) => line.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2"))
    .filter((line, i, all) => line !== "" || (i > 0 && all[i - 1] !== ""))
    .join("  \n");
}

/** A fenced block that nothing inside can close: the fence is longer than the longest backtick run. */
export function fenced(s: string, info = "text", max = 4000): string {
  let t = stripControl(s).replace(/\t/g, "    ");
  if (t.length > max) t = `${t.slice(0, max)}\n… (${s.length - max} more characters)`;
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${t.replace(/\n+$/, "")}\n${fence}`;
}

/** A table cell: inline text, plus pipes escaped (GFM splits cells on | even inside code spans). */
export const cell = (s: string | null | undefined, max = 300) => inline(s, max) || " ";

/** A GFM table; every cell is already escaped text. */
export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}
