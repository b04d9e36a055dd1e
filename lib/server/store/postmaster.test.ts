import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clearOwner, liveOtherOwner, livePostmaster, readOwner, removeStaleLockFiles, writeOwner } from "./postmaster";

describe("embedded store bookkeeping", () => {
  it("a postmaster.pid naming a live process that is not a postmaster of this folder is stale", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "triage-pm-unit-"));
    const pgdata = path.join(root, "pgdata");
    const run = path.join(root, "run");
    fs.mkdirSync(pgdata);
    fs.mkdirSync(run);
    expect(livePostmaster(pgdata)).toBeNull(); // no file
    fs.writeFileSync(path.join(pgdata, "postmaster.pid"), `${process.pid}\n${pgdata}\n0\n5432\n${run}\n`);
    fs.writeFileSync(path.join(run, ".s.PGSQL.5432.lock"), "x");
    expect(livePostmaster(pgdata)).toBeNull(); // our pid, but our cwd is not pgdata
    removeStaleLockFiles(pgdata, run, 5432);
    expect(fs.existsSync(path.join(pgdata, "postmaster.pid"))).toBe(false);
    expect(fs.existsSync(path.join(run, ".s.PGSQL.5432.lock"))).toBe(false);
    fs.rmSync(root, { recursive: true });
  });

  it("owner.json: written atomically, cleared only by its writer, dead owners ignored", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "triage-owner-unit-"));
    expect(readOwner(root)).toBeNull();
    writeOwner(root, "console");
    expect(readOwner(root)).toMatchObject({ pid: process.pid, role: "console" });
    expect(liveOtherOwner(root)).toBeNull(); // that is us
    fs.writeFileSync(path.join(root, "owner.json"), JSON.stringify({ pid: 2 ** 22 + 12345, role: "console", since: "" }));
    expect(liveOtherOwner(root)).toBeNull(); // no such process
    fs.writeFileSync(path.join(root, "owner.json"), JSON.stringify({ pid: process.ppid, role: "shared", since: "" }));
    expect(liveOtherOwner(root)).toMatchObject({ pid: process.ppid, role: "shared" });
    clearOwner(root); // not ours: kept
    expect(readOwner(root)).not.toBeNull();
    fs.writeFileSync(path.join(root, "owner.json"), "{not json");
    expect(readOwner(root)).toBeNull();
    fs.rmSync(root, { recursive: true });
  });
});
