import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checksumMatches, checksumOf, readMigrations } from "./migrations";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "triage-mig-unit-"));

describe("migrations folder", () => {
  it("checksums like Prisma: SHA-256 hex of the file", () => {
    expect(checksumOf("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(checksumOf("SELECT 1;\n")).toBe(createHash("sha256").update("SELECT 1;\n").digest("hex"));
  });

  it("accepts the same script with LF / CRLF line endings swapped, nothing else", () => {
    const lf = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n";
    const crlf = lf.replace(/\n/g, "\r\n");
    expect(checksumMatches(crlf, checksumOf(lf))).toBe(true);
    expect(checksumMatches(lf, checksumOf(crlf))).toBe(true);
    expect(checksumMatches(lf + " ", checksumOf(lf))).toBe(false);
  });

  it("reads folders in name order, ignores files, checksums the raw bytes", () => {
    const dir = tmp();
    for (const [name, sql] of [["20260102000000_b", "SELECT 2;\n"], ["20260101000000_a", "SELECT 1;\n"]]) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
    }
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    const ms = readMigrations(dir);
    expect(ms.map((m) => m.name)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(ms[0]).toEqual({ name: "20260101000000_a", sql: "SELECT 1;\n", checksum: checksumOf("SELECT 1;\n") });
    fs.rmSync(dir, { recursive: true });
  });

  it("names a folder without migration.sql, and a missing folder", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "20260101000000_empty"));
    expect(() => readMigrations(dir)).toThrow(/migration 20260101000000_empty has no migration.sql/);
    expect(() => readMigrations(path.join(dir, "nope"))).toThrow(/cannot read the migrations directory .*nope/);
    fs.rmSync(dir, { recursive: true });
  });

  it("the project's migrations follow Prisma's layout", () => {
    const ms = readMigrations(path.resolve("prisma/migrations"));
    expect(ms.length).toBeGreaterThan(0);
    for (const m of ms) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(fs.readFileSync(path.resolve("prisma/migrations/migration_lock.toml"), "utf8")).toMatch(/provider = "postgresql"/);
  });
});
