import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../audit";
import { csvCell, csvFilename, csvHeader, csvLine, csvRow } from "./csv";

describe("CSV cells", () => {
  it("quotes per RFC 4180 only when needed, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("cr\r")).toBe('"cr\r"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell("")).toBe("");
  });

  it("neutralises formula starts with a single quote, then quotes as needed", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe("\"'\rx\"");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-1)).toBe("-1"); // our own numbers are not formulas
  });

  it("ends lines with CRLF", () => {
    expect(csvLine(["a", null, 1])).toBe("a,,1\r\n");
  });
});

describe("CSV rows", () => {
  const entry: AuditEntry = {
    id: "7",
    at: "2026-11-26T17:00:00.123Z",
    phase: "intent",
    intentId: null,
    action: "session.cancel",
    targetId: "default",
    actor: { userId: "u", username: "alice", role: "operator", via: "session", clientAddr: "127.0.0.1", userAgent: null },
    subject: { pid: 42, query: '=cmd|"/c calc"!A1, then\nmore', applicationName: "odoo-rpc", backendStart: null },
    sql: "SELECT pg_cancel_backend($1)",
    reason: null,
    outcome: null,
    message: null,
    durationMs: null,
  };

  it("has a header naming every column, and one cell per column", () => {
    const header = csvHeader();
    expect(header.startsWith("id,at,phase,intent_id,action,target,username,")).toBe(true);
    const cols = header.trimEnd().split(",");
    expect(cols).toContain("query");
    expect(cols).toContain("subject_json");
    const row = csvRow(entry);
    expect(row).toContain(`"'=cmd|""/c calc""!A1, then\nmore"`);
    expect(row.startsWith("7,2026-11-26T17:00:00.123Z,intent,,session.cancel,default,alice,operator,session,127.0.0.1,,")).toBe(true);
  });

  it("names the file with a timestamp", () => {
    expect(csvFilename(new Date("2026-11-26T17:01:02.345Z"))).toBe("pg-triage-audit-20261126T170102Z.csv");
  });
});
