import { describe, expect, it } from "vitest";
import { parseCommand, UsageError } from "./args";

const usage = (argv: string[]) => {
  try {
    parseCommand(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`parsed: ${argv.join(" ")}`);
};

describe("triage CLI arguments", () => {
  it("parses every command", () => {
    expect(parseCommand(["user", "add", "alice", "--role", "operator"])).toEqual({ kind: "user add", username: "alice", role: "operator", passwordStdin: false });
    expect(parseCommand(["user", "add", "bob", "--role=viewer", "--password-stdin"])).toEqual({ kind: "user add", username: "bob", role: "viewer", passwordStdin: true });
    expect(parseCommand(["user", "passwd", "bob"])).toEqual({ kind: "user passwd", username: "bob", passwordStdin: false });
    expect(parseCommand(["user", "role", "bob", "admin"])).toEqual({ kind: "user role", username: "bob", role: "admin" });
    expect(parseCommand(["user", "disable", "bob"])).toEqual({ kind: "user disable", username: "bob" });
    expect(parseCommand(["user", "enable", "bob"])).toEqual({ kind: "user enable", username: "bob" });
    expect(parseCommand(["user", "list", "--json"])).toEqual({ kind: "user list", json: true });
    expect(parseCommand(["token", "create", "bob", "--name", "ci"])).toEqual({ kind: "token create", username: "bob", name: "ci" });
    expect(parseCommand(["token", "revoke", "pgt_abcd1234"])).toEqual({ kind: "token revoke", idOrPrefix: "pgt_abcd1234" });
    expect(parseCommand(["token", "list", "--user", "bob"])).toEqual({ kind: "token list", username: "bob", json: false });
    expect(parseCommand(["audit", "verify"])).toEqual({ kind: "audit verify", json: false });
    expect(parseCommand(["audit", "verify", "--json"])).toEqual({ kind: "audit verify", json: true });
    expect(parseCommand([])).toEqual({ kind: "help" });
    expect(parseCommand(["--help"])).toEqual({ kind: "help" });
  });

  it("names what is wrong", () => {
    expect(usage(["user", "add", "alice"])).toMatch(/user add: a role is required \(viewer, operator, admin\)/);
    expect(usage(["user", "add", "alice", "--role", "root"])).toMatch(/unknown role "root"/);
    expect(usage(["user", "role", "alice"])).toMatch(/user role: expected <name> <role>, got "alice"/);
    expect(usage(["user", "role", "alice", "god"])).toMatch(/unknown role "god"/);
    expect(usage(["user", "add", "a", "b", "--role", "viewer"])).toMatch(/expected <name>, got "a" "b"/);
    expect(usage(["token", "create", "alice"])).toMatch(/--name <name> is required/);
    expect(usage(["token", "create", "alice", "--name", "  "])).toMatch(/--name <name> is required/);
    expect(usage(["user", "list", "--name", "x"])).toMatch(/user list: --name does not apply here/);
    expect(usage(["user", "delete", "alice"])).toMatch(/unknown command "user delete alice"/);
    expect(usage(["user", "list", "--bogus"])).toMatch(/Unknown option '--bogus'/);
  });
});
