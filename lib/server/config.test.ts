import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, interpolateEnv, loadConfig, loadServerEnv, parseConfig, redactUrl } from "./config";

const tmp = (text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "triage-cfg-")), "triage.yaml");
  fs.writeFileSync(f, text);
  return f;
};

describe("loadConfig", () => {
  it("reads targets from YAML with ${ENV} secrets", () => {
    const file = tmp("targets:\n  - id: prod\n    name: Production\n    postgres:\n      url: postgres://triage:${PGPASS}@db:5432/odoo\n    host: { local: true }\n");
    const c = loadConfig({ TRIAGE_CONFIG: file, PGPASS: "s3cret" });
    expect(c.targets[0]).toMatchObject({ id: "prod", name: "Production", postgres: { url: "postgres://triage:s3cret@db:5432/odoo" }, host: { local: true } });
  });
  it("turns TRIAGE_TARGET_URL into one target named default", () => {
    const c = loadConfig({ TRIAGE_TARGET_URL: "postgres://u@h/db" });
    expect(c.targets).toEqual([{ id: "default", name: "default", postgres: { url: "postgres://u@h/db" } }]);
  });
  it("names the field and the problem", () => {
    const file = tmp("targets:\n  - id: prod\n    postgres:\n      url: mysql://x\n");
    expect(() => loadConfig({ TRIAGE_CONFIG: file })).toThrow(/targets\.0\.postgres\.url: must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });
  it("refuses unknown keys, bad ids, duplicate ids and bad host keys", () => {
    expect(() => parseConfig({ targets: [{ id: "a", postgres: { url: "postgres://x" }, extra: 1 }] }, "t")).toThrow(/targets\.0: Unrecognized key/);
    expect(() => parseConfig({ targets: [{ id: "a b", postgres: { url: "postgres://x" } }] }, "t")).toThrow(/targets\.0\.id: targetId may hold/);
    expect(() => parseConfig({ targets: [{ id: "a", postgres: { url: "postgres://x" } }, { id: "a", postgres: { url: "postgres://y" } }] }, "t")).toThrow(
      /targets\.1\.id: duplicate target id "a"/,
    );
    const ssh = { host: "db", username: "u", privateKeyPath: "/k", hostKey: "md5:zz" };
    expect(() => parseConfig({ targets: [{ id: "a", postgres: { url: "postgres://x" }, host: { ssh } }] }, "t")).toThrow(/hostKey: must be a SHA256 fingerprint/);
  });
  it("says when the file is missing, is not YAML, or names an unset variable", () => {
    expect(() => loadConfig({ TRIAGE_CONFIG: "/nonexistent/triage.yaml" })).toThrow(/not found: set TRIAGE_CONFIG/);
    expect(() => loadConfig({ TRIAGE_CONFIG: tmp("targets: [\n") })).toThrow(/not valid YAML/);
    expect(() => loadConfig({ TRIAGE_CONFIG: tmp("targets:\n  - id: a\n    postgres: { url: 'postgres://u:${NOPE}@h/d' }\n") })).toThrow(
      /targets\.0\.postgres\.url: environment variable NOPE is not set/,
    );
  });
  it("reads Odoo's memory limits in bytes and refuses soft above hard, naming the field", () => {
    const file = tmp("targets:\n  - id: a\n    postgres: { url: 'postgres://x' }\n    odoo:\n      limitMemorySoft: 2147483648\n      limitMemoryHard: 2684354560\n");
    expect(loadConfig({ TRIAGE_CONFIG: file }).targets[0].odoo).toEqual({ limitMemorySoft: 2147483648, limitMemoryHard: 2684354560 });
    const target = (odoo: object) => ({ targets: [{ id: "a", postgres: { url: "postgres://x" }, odoo }] });
    expect(parseConfig(target({ limitMemoryHard: 100 }), "t").targets[0].odoo).toEqual({ limitMemoryHard: 100 });
    expect(parseConfig(target({ limitMemorySoft: 100, limitMemoryHard: 100 }), "t").targets[0].odoo!.limitMemorySoft).toBe(100);
    expect(() => parseConfig(target({ limitMemorySoft: 200, limitMemoryHard: 100 }), "t")).toThrow(/targets\.0\.odoo\.limitMemorySoft: must not exceed odoo\.limitMemoryHard/);
    expect(() => parseConfig(target({ limitMemorySoft: 0 }), "t")).toThrow(/targets\.0\.odoo\.limitMemorySoft:/);
    expect(() => parseConfig(target({ limitMemoryHard: 1.5 }), "t")).toThrow(/targets\.0\.odoo\.limitMemoryHard:/);
    expect(() => parseConfig(target({ limitMemoryHard: "2G" }), "t")).toThrow(/targets\.0\.odoo\.limitMemoryHard:/);
  });
  it("throws ConfigError for an empty target list", () => {
    expect(() => parseConfig({ targets: [] }, "t")).toThrow(ConfigError);
  });
});

describe("interpolateEnv", () => {
  it("replaces only ${NAME} forms and leaves other text alone", () => {
    expect(interpolateEnv({ a: ["x${A}y", "$A", 3] }, { A: "1" })).toEqual({ a: ["x1y", "$A", 3] });
  });
});

describe("loadServerEnv", () => {
  it("defaults to loopback, port 3000, 1 s polls", () => {
    expect(loadServerEnv({})).toEqual({ host: "127.0.0.1", port: 3000, pollMs: 1000 });
  });
  it("names a bad value", () => {
    expect(() => loadServerEnv({ TRIAGE_POLL_MS: "5" })).toThrow(/TRIAGE_POLL_MS: must be at least 100 ms/);
    expect(() => loadServerEnv({ PORT: "http" })).toThrow(/PORT/);
  });
});

describe("redactUrl", () => {
  it("hides the password", () => {
    expect(redactUrl("postgres://triage:s3cret@db:5432/odoo")).toBe("postgres://triage:***@db:5432/odoo");
  });
});
