// Parses `triage <group> <verb> ...` into a command, or throws UsageError (exit 2) naming the problem.
import { parseArgs } from "node:util";
import { isRole, roles, type Role } from "../../lib/permissions";

export type Command =
  | { kind: "help" }
  | { kind: "user add"; username: string; role: Role; passwordStdin: boolean }
  | { kind: "user passwd"; username: string; passwordStdin: boolean }
  | { kind: "user role"; username: string; role: Role }
  | { kind: "user disable" | "user enable"; username: string }
  | { kind: "user list"; json: boolean }
  | { kind: "token create"; username: string; name: string }
  | { kind: "token revoke"; idOrPrefix: string }
  | { kind: "token list"; username?: string; json: boolean }
  | { kind: "audit verify"; json: boolean };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `usage: npm run triage -- <command>

  user add <name> --role viewer|operator|admin [--password-stdin]
  user passwd <name> [--password-stdin]
  user role <name> viewer|operator|admin
  user disable <name>          signs the user out everywhere; their API tokens stop working
  user enable <name>
  user list [--json]
  token create <user> --name <name>    prints the token once, on stdout
  token revoke <id-or-prefix>
  token list [--user <name>] [--json]
  audit verify [--json]        recomputes the audit trail's hash chain; exit 1 names the first broken row

Passwords: --password-stdin, else TRIAGE_PASSWORD, else a prompt on a terminal.
Store: TRIAGE_STORE_URL, else the embedded store in TRIAGE_STORE_DIR (./data/store); a running
console's embedded store is used in place.
Audit key: TRIAGE_AUDIT_KEY, else TRIAGE_AUDIT_KEY_FILE (./data/audit.key), as the console uses.
Exit status: 0 done, 1 refused or failed (nothing changed) or the audit trail is broken, 2 bad usage.`;

const roleArg = (v: string | undefined, where: string): Role => {
  if (v === undefined) throw new UsageError(`${where}: a role is required (${roles.join(", ")})`);
  if (!isRole(v)) throw new UsageError(`${where}: unknown role "${v}" (expected ${roles.join(", ")})`);
  return v;
};

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        role: { type: "string" },
        name: { type: "string" },
        user: { type: "string" },
        "password-stdin": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals: p } = parsed;
  if (v.help || p.length === 0 || p[0] === "help") return { kind: "help" };
  const [group, verb, ...rest] = p;
  const cmd = `${group} ${verb ?? ""}`.trim();
  const want = (n: number, names: string) => {
    if (rest.length !== n) throw new UsageError(`${cmd}: expected ${names || "no arguments"}, got ${rest.length ? rest.map((r) => `"${r}"`).join(" ") : "none"}`);
  };
  const allowed = (...opts: string[]) => {
    for (const k of ["role", "name", "user", "password-stdin", "json"] as const) {
      if (v[k] !== undefined && v[k] !== false && !opts.includes(k)) throw new UsageError(`${cmd}: --${k} does not apply here`);
    }
  };
  switch (cmd) {
    case "user add":
      want(1, "<name>");
      allowed("role", "password-stdin");
      return { kind: cmd, username: rest[0], role: roleArg(v.role, cmd), passwordStdin: v["password-stdin"]! };
    case "user passwd":
      want(1, "<name>");
      allowed("password-stdin");
      return { kind: cmd, username: rest[0], passwordStdin: v["password-stdin"]! };
    case "user role":
      want(2, "<name> <role>");
      allowed();
      return { kind: cmd, username: rest[0], role: roleArg(rest[1], cmd) };
    case "user disable":
    case "user enable":
      want(1, "<name>");
      allowed();
      return { kind: cmd, username: rest[0] };
    case "user list":
      want(0, "");
      allowed("json");
      return { kind: cmd, json: v.json! };
    case "token create":
      want(1, "<user>");
      allowed("name");
      if (!v.name?.trim()) throw new UsageError(`${cmd}: --name <name> is required (what the token is for)`);
      return { kind: cmd, username: rest[0], name: v.name };
    case "token revoke":
      want(1, "<id-or-prefix>");
      allowed();
      return { kind: cmd, idOrPrefix: rest[0] };
    case "token list":
      want(0, "");
      allowed("user", "json");
      return { kind: cmd, username: v.user, json: v.json! };
    case "audit verify":
      want(0, "");
      allowed("json");
      return { kind: cmd, json: v.json! };
    default:
      throw new UsageError(`unknown command "${p.join(" ")}"`);
  }
}
