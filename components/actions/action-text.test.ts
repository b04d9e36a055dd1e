import { describe, it, expect } from "vitest";
import { confirmLabel, notActionableReason, refusalText, resultText, rowButtonLabel, truncate } from "./action-text";

describe("labels", () => {
  it("names the action and the pid", () => {
    expect(rowButtonLabel("cancel", 1234)).toBe("Cancel pid 1234");
    expect(rowButtonLabel("terminate", 1234)).toBe("Terminate pid 1234");
    expect(confirmLabel("cancel", 1234)).toBe("Cancel query of pid 1234");
    expect(confirmLabel("terminate", 1234)).toBe("Terminate pid 1234");
  });
});

describe("resultText", () => {
  it("says whether the signal had an effect at the next poll", () => {
    expect(resultText("cancel", 7, { signalled: true, goneAfter: true })).toEqual({ text: "Cancelled pid 7 (query stopped)", tone: "ok" });
    expect(resultText("cancel", 7, { signalled: true, goneAfter: false }).text).toBe("Cancel of pid 7 signalled; still running at the next poll");
    expect(resultText("terminate", 7, { signalled: true, goneAfter: true }).text).toBe("Terminated pid 7 (session gone)");
    expect(resultText("terminate", 7, { signalled: true, goneAfter: false }).tone).toBe("warn");
    expect(resultText("terminate", 7, { signalled: true, goneAfter: null }).text).toContain("not yet confirmed");
  });

  it("never claims success when nothing was signalled", () => {
    const r = resultText("cancel", 7, { signalled: false, goneAfter: true });
    expect(r.tone).toBe("warn");
    expect(r.text).toContain("was not signalled");
  });

  it("keeps the server's refusal message", () => {
    expect(refusalText("terminate", 9, "pid now belongs to another session")).toBe("Terminate of pid 9 refused: pid now belongs to another session");
  });
});

describe("notActionableReason", () => {
  const base = { isTriage: false, backendType: "client backend", backendStart: "2026-03-21 00:00:00+00" };
  it("offers actions on client backends only, never on the console's own connection", () => {
    expect(notActionableReason(base)).toBeNull();
    expect(notActionableReason({ ...base, isTriage: true })).toBe("The console's own connection");
    expect(notActionableReason({ ...base, backendType: "autovacuum worker" })).toBe("Not a client backend (autovacuum worker)");
    expect(notActionableReason({ ...base, backendStart: null })).not.toBeNull();
  });
});

describe("truncate", () => {
  it("cuts with an ellipsis only when needed", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcd", 3)).toBe("abc…");
  });
});
