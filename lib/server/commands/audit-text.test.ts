import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../audit";
import { AUDIT_TAIL_CHARS, auditMessage, lastRunOf, tailOf } from "./audit-text";

const exec = { exitCode: 0, timedOut: false, stdout: "", stderr: "", truncated: false, durationMs: 12 };

describe("tailOf", () => {
  it("keeps short text whole and says how much of long text it left out", () => {
    expect(tailOf("abc", 5)).toEqual({ text: "abc", omitted: 0 });
    expect(tailOf("abcdefg", 3)).toEqual({ text: "efg", omitted: 4 });
  });

  it("never cuts a character in half", () => {
    expect(tailOf("a😀b😀", 2)).toEqual({ text: "b😀", omitted: 2 });
  });
});

describe("auditMessage", () => {
  it("starts with the summary line and holds both streams", () => {
    expect(auditMessage({ ...exec, exitCode: 3, stdout: "out\n", stderr: "err\n" }, 30)).toBe("exit 3\nstdout:\nout\n\nstderr:\nerr\n");
    expect(auditMessage(exec, 30)).toBe("exit 0\nstdout: (empty)\nstderr: (empty)");
    expect(auditMessage({ ...exec, exitCode: null, timedOut: true }, 5).split("\n")[0]).toBe("killed after 5 s (timeout)");
  });

  it("stays under the trail's 4000-character message cap whatever the output", () => {
    const m = auditMessage({ ...exec, stdout: "o".repeat(300_000), stderr: "e".repeat(300_000), truncated: true }, 30);
    expect(m.length).toBeLessThan(4000);
    expect(m).toContain("(output was cut at the capture cap on the host side)");
    expect(m).toContain(`stdout (last ${AUDIT_TAIL_CHARS} characters; ${300_000 - AUDIT_TAIL_CHARS} before them left out):\n${"o".repeat(AUDIT_TAIL_CHARS)}\n`);
    expect(m.endsWith("e".repeat(AUDIT_TAIL_CHARS))).toBe(true);
  });
});

describe("lastRunOf", () => {
  const entry = (over: Partial<AuditEntry>): AuditEntry => ({
    id: "9", at: "2026-11-26T18:00:00.000000Z", phase: "outcome", intentId: "8", action: "command.run", targetId: "main",
    actor: { userId: "u", username: "oscar", role: "operator", via: "session", clientAddr: "127.0.0.1", userAgent: null },
    subject: { name: "pause-cron", run: "echo", timeoutSeconds: 30 }, sql: null, reason: null, outcome: "error", message: "exit 3\nstdout: (empty)", durationMs: 40,
    ...over,
  });

  it("reads a run back from its outcome row", () => {
    expect(lastRunOf(entry({}))).toEqual({
      name: "pause-cron",
      run: { at: "2026-11-26T18:00:00.000000Z", by: "oscar", exitCode: 3, timedOut: false, outcome: "error", summary: "exit 3", durationMs: 40 },
    });
    expect(lastRunOf(entry({ message: "killed after 30 s (timeout)\nstdout: (empty)" }))!.run).toMatchObject({ exitCode: null, timedOut: true });
  });

  it("ignores refusals (no intent) and intent rows", () => {
    expect(lastRunOf(entry({ intentId: null, outcome: "refused", message: "Requires the admin role" }))).toBeNull();
    expect(lastRunOf(entry({ phase: "intent", outcome: null, message: null }))).toBeNull();
    expect(lastRunOf(entry({ subject: null }))).toBeNull();
  });
});
