import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeLine, encodeLine, outboxPath, queueOutcome, readLines, type OutboxLine, type OutboxRow } from "./outbox";
import { replayOutbox } from "./outbox-replay";

const key = Buffer.from("k".repeat(40));
const row = (intentId: string, message = "exit 0"): OutboxRow => ({
  phase: "outcome", intentId, action: "command.run", targetId: "main", userId: "u1", username: "oscar", role: "operator", via: "session",
  sessionId: null, tokenId: null, clientAddr: "127.0.0.1", userAgent: null, subject: { name: "pause-cron", runId: "r" }, sql: null, reason: "step 0.2",
  outcome: "ok", message, durationMs: 12,
});

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "outbox-"));
  file = path.join(dir, "data", "audit-outbox.jsonl");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("outbox lines", () => {
  const line: OutboxLine = { seq: 1, queuedAt: "2026-12-08T10:00:00.000Z", row: row("7") };

  it("one JSON object per line, carrying an HMAC of its content, read back as written", () => {
    const text = encodeLine(key, line);
    expect(text).not.toContain("\n");
    expect(JSON.parse(text)).toMatchObject({ v: 1, seq: 1, queuedAt: line.queuedAt, row: { intentId: "7", outcome: "ok" }, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(decodeLine(key, text)).toEqual({ ok: true, line });
  });

  it("refuses an altered line, another key's line, a torn line and a row that is no outcome", () => {
    const text = encodeLine(key, line);
    expect(decodeLine(key, text.replace('"outcome":"ok"', '"outcome":"error"'))).toMatchObject({ ok: false, reason: expect.stringContaining("HMAC mismatch") });
    expect(decodeLine(key, text.replace('"seq":1', '"seq":2'))).toMatchObject({ ok: false, reason: expect.stringContaining("HMAC mismatch") });
    expect(decodeLine(Buffer.from("x".repeat(40)), text)).toMatchObject({ ok: false, reason: expect.stringContaining("another audit key") });
    expect(decodeLine(key, text.slice(0, 40))).toMatchObject({ ok: false, reason: expect.stringContaining("not JSON") });
    const intent = encodeLine(key, { ...line, row: { ...line.row, phase: "intent" as "outcome" } });
    expect(decodeLine(key, intent)).toMatchObject({ ok: false, reason: "not an outcome of an intent" });
  });

  it("defaults to audit-outbox.jsonl beside the audit key", () => {
    expect(outboxPath({ TRIAGE_STORE_DIR: "/srv/triage/data/store" })).toBe("/srv/triage/data/audit-outbox.jsonl");
    expect(outboxPath({ TRIAGE_AUDIT_KEY_FILE: "/etc/triage/audit.key" })).toBe("/etc/triage/audit-outbox.jsonl");
    expect(outboxPath({ TRIAGE_AUDIT_OUTBOX: "/var/lib/triage/outbox.jsonl" })).toBe("/var/lib/triage/outbox.jsonl");
  });

  it("queues with increasing seq into a 0600 file in a folder others can still enter (0711)", () => {
    queueOutcome(file, key, row("1"));
    queueOutcome(file, key, row("3"));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o711);
    expect(readLines(file).map((l) => JSON.parse(l.text).seq)).toEqual([1, 2]);
  });

  it("a line torn by a crash cannot swallow the next one", () => {
    queueOutcome(file, key, row("1"));
    fs.appendFileSync(file, '{"v":1,"seq":2,"queuedAt":"2026');
    queueOutcome(file, key, row("5"));
    const lines = readLines(file).map((l) => decodeLine(key, l.text));
    expect(lines.map((l) => l.ok)).toEqual([true, false, true]);
  });
});

describe("replay", () => {
  const logs: string[] = [];
  const log = (l: string) => void logs.push(l);
  beforeEach(() => void (logs.length = 0));

  it("writes the rows in the order they were queued, then empties the outbox", async () => {
    for (const id of ["9", "4", "12"]) queueOutcome(file, key, row(id));
    const seen: string[] = [];
    const r = await replayOutbox(file, key, async (l) => (seen.push(l.row.intentId), "written"), log);
    expect(seen).toEqual(["9", "4", "12"]);
    expect(r).toEqual({ written: ["9", "4", "12"], duplicates: [], refused: [], remaining: 0 });
    expect(fs.existsSync(file)).toBe(false);
  });

  it("stops at the first row the store refuses, keeping it and the rest in order for the next try", async () => {
    for (const id of ["1", "2", "3"]) queueOutcome(file, key, row(id));
    const r = await replayOutbox(file, key, async (l) => {
      if (l.row.intentId === "2") throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return "written";
    }, log);
    expect(r).toMatchObject({ written: ["1"], remaining: 2, error: "connect ECONNREFUSED 127.0.0.1:5432" });
    queueOutcome(file, key, row("4")); // queued meanwhile: after the others
    const seen: string[] = [];
    await replayOutbox(file, key, async (l) => (seen.push(l.row.intentId), "written"), log);
    expect(seen).toEqual(["2", "3", "4"]);
  });

  it("a row already in the store (replayed before a crash) is a duplicate, not a second outcome", async () => {
    queueOutcome(file, key, row("1"));
    queueOutcome(file, key, row("2"));
    const stored = new Set(["1"]);
    const r = await replayOutbox(file, key, async (l) => (stored.has(l.row.intentId) ? "duplicate" : (stored.add(l.row.intentId), "written")), log);
    expect(r).toMatchObject({ written: ["2"], duplicates: ["1"], remaining: 0 });
  });

  it("a tampered line is refused, reported and set aside; the lines around it are replayed", async () => {
    for (const id of ["1", "2", "3"]) queueOutcome(file, key, row(id));
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines[1] = lines[1].replace('"outcome":"ok"', '"outcome":"refused"');
    fs.writeFileSync(file, lines.join("\n"));
    const seen: string[] = [];
    const r = await replayOutbox(file, key, async (l) => (seen.push(l.row.intentId), "written"), log);
    expect(seen).toEqual(["1", "3"]);
    expect(r.refused).toEqual([{ lineNo: 2, reason: expect.stringContaining("HMAC mismatch") }]);
    expect(logs).toEqual([expect.stringMatching(/^AUDIT OUTBOX LINE REFUSED: line 2 of .*audit-outbox\.jsonl: HMAC mismatch.*moved to .*audit-outbox\.jsonl\.refused$/)]);
    expect(fs.readFileSync(`${file}.refused`, "utf8")).toBe(`${lines[1]}\n`);
    expect(fs.statSync(`${file}.refused`).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("a line removed from the middle is reported as a gap", async () => {
    for (const id of ["1", "2", "3"]) queueOutcome(file, key, row(id));
    const lines = fs.readFileSync(file, "utf8").split("\n");
    fs.writeFileSync(file, [lines[0], lines[2], ""].join("\n"));
    const r = await replayOutbox(file, key, async () => "written", log);
    expect(r.written).toEqual(["1", "3"]);
    expect(logs).toEqual([expect.stringMatching(/^AUDIT OUTBOX GAP: .* goes from line seq 1 to 3: lines were removed$/)]);
  });
});
