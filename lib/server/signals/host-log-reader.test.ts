import { describe, expect, it } from "vitest";
import type { ExecResult } from "../host/transport";
import { hostReaderCommand, parseHostRead } from "./host-log-reader";

const PATH = "/var/log/odoo/odoo.log";
const result = (stdout: string, over: Partial<ExecResult> = {}): ExecResult => ({ exitCode: 0, timedOut: false, stdout, stderr: "", truncated: false, durationMs: 3, ...over });

describe("hostReaderCommand", () => {
  it("names the file only as one quoted word, and the cursor only as numbers and a quoted id", () => {
    const cmd = hostReaderCommand("/srv/it's odd/odoo.log", { fileId: "2049:1234", offset: 5000 });
    expect(cmd).toContain(`f='/srv/it'\\''s odd/odoo.log'`);
    expect(cmd.match(/odoo\.log/g)).toHaveLength(1);
    expect(cmd).toContain(`[ "$id" = '2049:1234' ] && [ "$size" -ge 5000 ]`);
    expect(hostReaderCommand(PATH, null)).toContain(`[ -z '' ]`);
  });
});

describe("parseHostRead", () => {
  it("says which file is missing, and why it cannot be read", () => {
    expect(parseHostRead(PATH, result("@@missing\nls: cannot access '/var/log/odoo/odoo.log': No such file or directory\n"), null)).toEqual({ status: "missing", error: `${PATH}: No such file or directory` });
    expect(parseHostRead(PATH, result("@@missing\nls: cannot access '/var/log/odoo/odoo.log': Permission denied\n"), null).status).toBe("unreadable");
    expect(parseHostRead(PATH, result("@@unreadable\n"), null)).toEqual({ status: "unreadable", error: `${PATH}: permission denied` });
    expect(parseHostRead(PATH, result("@@notfile\n"), null).error).toBe(`${PATH}: not a regular file`);
  });
  it("reports a failed or timed-out read as an error with its reason", () => {
    expect(parseHostRead(PATH, result("", { exitCode: 3, stderr: "stat: cannot statx: Input/output error\n" }), null)).toEqual({ status: "error", error: `${PATH}: stat: cannot statx: Input/output error` });
    expect(parseHostRead(PATH, result("", { exitCode: null, timedOut: true }), null).error).toMatch(/longer than 10 s/);
    expect(parseHostRead(PATH, result("@@file 8:1 10 0\nbm8=\n"), null).status).toBe("error"); // no @@end: cut off
  });
  it("decodes the bytes and takes the complete lines", () => {
    const body = Buffer.from("one\ntwo\n").toString("base64");
    const r = parseHostRead(PATH, result(`@@file 2049:77 8 0\n${body}\n\n@@end\n`), null);
    expect(r).toEqual({ status: "ok", chunk: { lines: ["one", "two"], cursor: { fileId: "2049:77", offset: 8 }, behind: false } });
    expect(parseHostRead(PATH, result(`@@file 2049:77 8 8\n\n@@end\n`), { fileId: "2049:77", offset: 8 }).chunk!.lines).toEqual([]);
  });
});
