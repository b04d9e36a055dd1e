import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuditKeyError, auditKeyPath, loadAuditKey } from "./key";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "triage-auditkey-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("audit key", () => {
  it("uses TRIAGE_AUDIT_KEY when it is long enough", () => {
    expect(loadAuditKey({ env: { TRIAGE_AUDIT_KEY: "a".repeat(32) } })).toEqual(Buffer.from("a".repeat(32)));
    expect(() => loadAuditKey({ env: { TRIAGE_AUDIT_KEY: "short" } })).toThrow(/TRIAGE_AUDIT_KEY is too short: .*at least 32/);
  });

  it("lives beside the store folder by default, never inside it", () => {
    expect(auditKeyPath({})).toBe(path.resolve("data/audit.key"));
    expect(auditKeyPath({ TRIAGE_STORE_DIR: "/srv/triage/store" })).toBe("/srv/triage/audit.key");
    expect(auditKeyPath({ TRIAGE_AUDIT_KEY_FILE: "/etc/triage/key", TRIAGE_STORE_DIR: "/x/y" })).toBe("/etc/triage/key");
  });

  it("creates the file with mode 0600 on first start, then reads the same key", () => {
    const dir = tmp();
    const env = { TRIAGE_STORE_DIR: path.join(dir, "data", "store") };
    const logs: string[] = [];
    const first = loadAuditKey({ env, create: true, log: (l) => logs.push(l) });
    const file = path.join(dir, "data", "audit.key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(logs[0]).toMatch(/created the audit key file/);
    expect(loadAuditKey({ env, create: true })).toEqual(first);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["audit.key"]); // no temp file left behind
  });

  it("does not create one when asked not to (the CLI)", () => {
    const env = { TRIAGE_AUDIT_KEY_FILE: path.join(tmp(), "audit.key") };
    expect(() => loadAuditKey({ env })).toThrow(/no audit key: TRIAGE_AUDIT_KEY is unset and .*audit.key does not exist/);
    expect(fs.existsSync(env.TRIAGE_AUDIT_KEY_FILE)).toBe(false);
  });

  it("refuses a key file readable by group or others, and a short one", () => {
    const file = path.join(tmp(), "audit.key");
    fs.writeFileSync(file, "z".repeat(40), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const err = (() => {
      try {
        loadAuditKey({ env: { TRIAGE_AUDIT_KEY_FILE: file } });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AuditKeyError);
    expect((err as Error).message).toMatch(/accessible by group or others \(mode 0644\): run chmod 600/);
    fs.chmodSync(file, 0o640);
    expect(() => loadAuditKey({ env: { TRIAGE_AUDIT_KEY_FILE: file } })).toThrow(/mode 0640/);
    fs.chmodSync(file, 0o600);
    expect(loadAuditKey({ env: { TRIAGE_AUDIT_KEY_FILE: file } }).toString()).toBe("z".repeat(40));
    fs.writeFileSync(file, "tiny\n");
    expect(() => loadAuditKey({ env: { TRIAGE_AUDIT_KEY_FILE: file } })).toThrow(/too short/);
  });
});
