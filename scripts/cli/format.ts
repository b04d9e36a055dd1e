// Plain-text tables for `user list` and `token list`.
import type { TokenSummary } from "../../lib/server/auth/api-tokens";
import type { UserSummary } from "../../lib/server/auth/users";

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) + "Z" : "-");

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export function usersTable(users: UserSummary[]): string {
  if (users.length === 0) return "no users";
  return table(
    ["USERNAME", "ROLE", "STATUS", "CREATED", "LAST LOGIN"],
    users.map((u) => [u.username, u.role, u.disabled ? "disabled" : "active", when(u.createdAt), when(u.lastLoginAt)]),
  );
}

export function tokensTable(tokens: TokenSummary[]): string {
  if (tokens.length === 0) return "no tokens";
  return table(
    ["ID", "PREFIX", "USER", "NAME", "CREATED", "LAST USED", "STATUS"],
    tokens.map((t) => [t.id, t.prefix, t.username, t.name, when(t.createdAt), when(t.lastUsedAt), t.revokedAt ? `revoked ${when(t.revokedAt)}` : "active"]),
  );
}
