// Admin CLI: `npm run triage -- user add|passwd|role|disable|enable|list`, `token create|revoke|list`, `audit verify`.
// Validates everything it can (arguments, password) before it opens the store, so a refusal changes nothing.
import { AuditKeyError } from "../lib/server/audit/key";
import { UserError } from "../lib/server/auth/errors";
import { checkPassword } from "../lib/server/auth/users";
import { ConfigError } from "../lib/server/config";
import { MigrationError } from "../lib/server/store/migrations";
import { openStore, StoreError } from "../lib/server/store/open-store";
import type { Store } from "../lib/server/store/store";
import { parseCommand, USAGE, UsageError, type Command } from "./cli/args";
import { runCommand } from "./cli/commands";
import { readNewPassword } from "./cli/password-input";

let store: Store | null = null;

function fail(code: number, message: string): never {
  process.stderr.write(`triage: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const cmd: Command = parseCommand(process.argv.slice(2));
  if (cmd.kind === "help") {
    process.stdout.write(USAGE + "\n");
    return;
  }
  let password: string | undefined;
  if (cmd.kind === "user add" || cmd.kind === "user passwd") {
    password = await readNewPassword({ stdin: cmd.passwordStdin, env: process.env });
    checkPassword(password);
  }
  store = await openStore({ role: "shared", log: process.env.TRIAGE_DEBUG ? (l) => process.stderr.write(`[store] ${l}\n`) : undefined });
  try {
    const out = await runCommand(store.prisma, cmd, password);
    if (out.stdout !== undefined) process.stdout.write(out.stdout + "\n");
    if (out.stderr !== undefined) process.stderr.write(out.stderr + "\n");
    if (out.exitCode) process.exitCode = out.exitCode;
  } finally {
    const s = store;
    store = null;
    await s.stop();
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // Stop an embedded server this run started, then leave: nothing is half-written (one statement or transaction per change).
    void (store?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) fail(2, `${e.message}\n(npm run triage -- help: the commands)`);
  if (e instanceof UserError || e instanceof AuditKeyError || e instanceof StoreError || e instanceof MigrationError || e instanceof ConfigError) fail(1, e.message);
  fail(1, `unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
});
