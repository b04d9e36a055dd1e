// Runs one parsed command against an open store; returns what to print on stdout and on stderr.
import { loadAuditKey } from "../../lib/server/audit/key";
import { verifyChain } from "../../lib/server/audit/verify";
import { createToken, listTokens, revokeToken } from "../../lib/server/auth/api-tokens";
import { addUser, findUser, listUsers, setDisabled, setPassword, setRole } from "../../lib/server/auth/users";
import type { Db } from "../../lib/server/store/prisma";
import type { Command } from "./args";
import { tokensTable, usersTable } from "./format";

export interface Output {
  stdout?: string;
  stderr?: string;
  /** Default 0. */
  exitCode?: number;
}

type StoreCommand = Exclude<Command, { kind: "help" }>;

export async function runCommand(db: Db, cmd: StoreCommand, password: string | undefined): Promise<Output> {
  switch (cmd.kind) {
    case "user add": {
      const u = await addUser(db, { username: cmd.username, password: password!, role: cmd.role });
      return { stdout: `created user ${u.username} (${u.role})` };
    }
    case "user passwd": {
      const u = await setPassword(db, cmd.username, password!);
      return { stdout: `changed the password of ${u.username}; their sessions were signed out` };
    }
    case "user role": {
      const before = await findUser(db, cmd.username);
      const u = await setRole(db, cmd.username, cmd.role);
      return { stdout: before.role === u.role ? `${u.username} is already ${u.role}` : `${u.username} is now ${u.role} (was ${before.role})` };
    }
    case "user disable": {
      const u = await setDisabled(db, cmd.username, true);
      return { stdout: `disabled ${u.username}: signed out everywhere, API tokens refused until enabled` };
    }
    case "user enable": {
      const u = await setDisabled(db, cmd.username, false);
      return { stdout: `enabled ${u.username}` };
    }
    case "user list": {
      const users = await listUsers(db);
      return { stdout: cmd.json ? JSON.stringify(users, null, 2) : usersTable(users) };
    }
    case "token create": {
      const user = await findUser(db, cmd.username);
      const { token, summary } = await createToken(db, user.id, cmd.name);
      return {
        stdout: token,
        stderr: `created token ${summary.id} (${summary.prefix}…) "${summary.name}" for ${user.username}, acting as their role (${user.role}).\nIt is shown once, above: store it now.`,
      };
    }
    case "token revoke": {
      const t = await revokeToken(db, cmd.idOrPrefix);
      return { stdout: `revoked token ${t.id} (${t.prefix}…) "${t.name}" of ${t.username}` };
    }
    case "token list": {
      const userId = cmd.username ? (await findUser(db, cmd.username)).id : undefined;
      const tokens = await listTokens(db, { userId });
      return { stdout: cmd.json ? JSON.stringify(tokens, null, 2) : tokensTable(tokens) };
    }
    case "audit verify": {
      // Never create a key here: a fresh key would only report every row as altered.
      const r = await verifyChain(db, loadAuditKey({ create: false }));
      const text = r.ok
        ? `audit trail ok: ${r.checked} row${r.checked === 1 ? "" : "s"} checked`
        : `audit trail BROKEN at row ${r.firstBroken!.id}: ${r.firstBroken!.reason} (${r.checked} rows checked; rows after it are not trusted)`;
      return { stdout: cmd.json ? JSON.stringify(r, null, 2) : text, exitCode: r.ok ? 0 : 1 };
    }
  }
}
